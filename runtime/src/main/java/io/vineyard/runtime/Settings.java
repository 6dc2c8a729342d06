package io.vineyard.runtime;

import io.vineyard.runtime.config.ConfigProperties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime's settings once the flags and their defaults are resolved, and the framework
 * properties they become.
 *
 * @param socket the IPC socket path, absolute
 * @param size the bulk store's size in bytes
 * @param shmDir the folder of the store's shared-memory arenas
 * @param pluginsDir the folder FileInstall watches
 * @param dataDir this instance's own folder, for whichever metadata service runs
 * @param cluster how this instance joins a cluster, if the metadata service is a cluster's
 * @param bundles where the bundles to install come from
 * @param keep whether sealed blobs outlive the runtime for its next start (false: {@code
 *     --no-keep})
 * @param socketMode the socket file's mode ({@code --socket-mode}, 0600 by default)
 * @param metricsPort the loopback port of the Prometheus endpoint ({@code --metrics-port}); 0: none
 * @param spill where and when cold blobs are spilled to disk ({@code --spill-path}); null: never
 * @param rpc the RPC endpoint ({@code --rpc}, off by default)
 * @param reserveMemory whether the store allocates all its shared memory at start ({@code
 *     --reserve-memory}; off by default)
 */
public record Settings(
    Path socket,
    long size,
    Path shmDir,
    Path pluginsDir,
    Path dataDir,
    Cluster cluster,
    BundleChoice bundles,
    boolean keep,
    int socketMode,
    int metricsPort,
    Spill spill,
    RpcSettings rpc,
    boolean reserveMemory) {
  /**
   * Spilling cold blobs to disk, as vineyardd's {@code --spill_path}, {@code --spill_lower_rate}
   * and {@code --spill_upper_rate}.
   *
   * @param dir the spill folder, absolute
   * @param lowerRate the use, as a fraction of {@code --size}, spilling goes down to
   * @param upperRate the use, as a fraction of {@code --size}, that starts spilling
   */
  public record Spill(Path dir, double lowerRate, double upperRate) {
    /** vineyardd's defaults. */
    public static final String DEFAULT_LOWER_RATE = "0.3";

    /** vineyardd's defaults. */
    public static final String DEFAULT_UPPER_RATE = "0.8";
  }

  /** Settings that keep sealed blobs across runs and serve a socket of mode 0600 (the defaults). */
  public Settings(
      Path socket,
      long size,
      Path shmDir,
      Path pluginsDir,
      Path dataDir,
      Cluster cluster,
      BundleChoice bundles) {
    this(
        socket,
        size,
        shmDir,
        pluginsDir,
        dataDir,
        cluster,
        bundles,
        true,
        0600,
        0,
        null,
        RpcSettings.OFF,
        false);
  }

  /** Settings without a Prometheus endpoint or spilling. */
  public Settings(
      Path socket,
      long size,
      Path shmDir,
      Path pluginsDir,
      Path dataDir,
      Cluster cluster,
      BundleChoice bundles,
      boolean keep,
      int socketMode) {
    this(
        socket,
        size,
        shmDir,
        pluginsDir,
        dataDir,
        cluster,
        bundles,
        keep,
        socketMode,
        0,
        null,
        RpcSettings.OFF,
        false);
  }

  /** The Config Admin PID of the Prometheus endpoint (configured only with a metrics port). */
  public static final String METRICS_PID = "io.vineyard.metrics";

  /** The Config Admin PID of the bulk store. */
  public static final String STORE_PID = "io.vineyard.store";

  /** The Config Admin PID of the IPC server. */
  public static final String SERVER_PID = "io.vineyard.server";

  /**
   * The Config Admin PID of the in-process client service (bundles in the runtime reach its
   * server).
   */
  public static final String CLIENT_PID = "io.vineyard.client";

  /** The Config Admin PID of the Raft metadata service (bundle set {@code cluster}). */
  public static final String META_RAFT_PID = "io.vineyard.meta.raft";

  /** The Config Admin PID of the standalone metadata service (bundle set {@code standalone}). */
  public static final String META_LOCAL_PID = "io.vineyard.meta.local";

  /**
   * Returns the Config Admin configurations that carry these settings to the bundles.
   *
   * <p>Both metadata services get theirs: the launcher does not know which one the bundle set
   * installs, and a configuration no bundle uses is inert.
   *
   * @return PID to (key to value); sizes are decimal byte counts, durations milliseconds
   */
  public Map<String, Map<String, String>> configurations() {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    Map<String, String> store = new LinkedHashMap<>();
    store.put("size", Long.toString(size));
    store.put("shm.dir", shmDir.toString());
    store.put("keep", Boolean.toString(keep));
    if (spill != null) {
      store.put("spill.path", spill.dir().toString());
      store.put("spill.lower.rate", Double.toString(spill.lowerRate()));
      store.put("spill.upper.rate", Double.toString(spill.upperRate()));
    }
    if (reserveMemory) {
      store.put("reserve", "true");
    }
    configs.put(STORE_PID, store);
    Map<String, String> server = new LinkedHashMap<>();
    server.put("socket", socket.toString());
    if (socketMode != 0600) {
      server.put("socket.mode", Integer.toOctalString(socketMode));
    }
    // reported in instance_status, for tools (vineyardctl paths)
    server.put("shm.dir", shmDir.toString());
    server.put("data.dir", dataDir.toString());
    server.put("discovery.dir", cluster.discoveryDir().toString());
    server.put("plugins.dir", pluginsDir.toString());
    server.putAll(rpc.configuration());
    configs.put(SERVER_PID, server);
    configs.put(CLIENT_PID, Map.of("socket", socket.toString()));
    Map<String, String> raft = new LinkedHashMap<>();
    raft.put("cluster", cluster.name());
    raft.put("bind", cluster.bind());
    raft.put("port", Integer.toString(cluster.port()));
    raft.put("peers", String.join(",", cluster.peers()));
    raft.put("discovery.dir", cluster.discoveryDir().toString());
    raft.put("data.dir", dataDir.toString());
    raft.put("socket", socket.toString());
    if (cluster.clusterKey() != null) {
      raft.put("cluster.key", cluster.clusterKey().toString());
    }
    if (cluster.commitTimeout() != null) {
      raft.put("commit.timeout.ms", Long.toString(cluster.commitTimeout().toMillis()));
    }
    configs.put(META_RAFT_PID, raft);
    configs.put(
        META_LOCAL_PID, Map.of("data.dir", dataDir.toString(), "socket", socket.toString()));
    if (metricsPort > 0) {
      configs.put(METRICS_PID, Map.of("port", Integer.toString(metricsPort)));
    }
    return configs;
  }

  /**
   * Returns the framework properties of a runtime with these settings.
   *
   * @param storage the framework's storage folder, fresh and deleted on exit
   * @return the properties to hand to the {@code FrameworkFactory}
   */
  public Map<String, String> frameworkProperties(Path storage) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("org.osgi.framework.storage", storage.toString());
    p.put("org.osgi.framework.storage.clean", "onFirstInit");
    // MapDB and others unmap through sun.misc.Unsafe without importing it
    p.put("org.osgi.framework.bootdelegation", "sun.misc");
    p.put("felix.log.level", "1");
    p.put("ds.loglevel", "warn");
    p.put("felix.fileinstall.dir", pluginsDir.toString());
    // FileInstall's copies of plugin jars: inside the storage folder, so they go with it (not into
    // /tmp)
    p.put("felix.fileinstall.tmpdir", storage.resolve("fileinstall").toString());
    p.put("felix.fileinstall.poll", "1000");
    p.put("felix.fileinstall.noInitialDelay", "true");
    p.put("felix.fileinstall.log.level", "2");
    p.putAll(ConfigProperties.encode(configurations()));
    return p;
  }
}
