package io.vineyard.meta.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an instance joins its cluster.
 *
 * @param cluster the cluster's name ({@code --cluster}); runtimes with different names never meet
 * @param bind the address the Raft transport binds to ({@code --bind}), loopback by default
 * @param port the transport's TCP port; 0 picks a free one (only with embedded discovery)
 * @param peers {@code host:port} of every member ({@code --peers}); empty: embedded discovery
 *     through {@code discoveryDir}. With peers the membership is fixed: exactly these members (this
 *     one included, as {@code bind:port}), each its own Raft member named {@code host:port}
 * @param discoveryDir the folder runtimes of one user share to find each other (embedded mode)
 * @param dataDir this instance's own folder: Raft log, snapshots, instance ID
 * @param socket this instance's IPC socket path, as the instance registry reports it
 * @param commitTimeout how long a change may wait for a majority before it fails
 * @param clusterKey the file holding the key the transport encrypts with ({@code --cluster-key});
 *     null: {@code <discoveryDir>/<cluster>.key}, created when the cluster is first founded
 */
public record ClusterSettings(
    String cluster,
    String bind,
    int port,
    List<String> peers,
    Path discoveryDir,
    Path dataDir,
    String socket,
    Duration commitTimeout,
    Path clusterKey) {

  /** Settings with the default key file of the discovery folder. */
  public ClusterSettings(
      String cluster,
      String bind,
      int port,
      List<String> peers,
      Path discoveryDir,
      Path dataDir,
      String socket,
      Duration commitTimeout) {
    this(cluster, bind, port, peers, discoveryDir, dataDir, socket, commitTimeout, null);
  }

  /** Validates and normalizes. */
  public ClusterSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    cluster = cluster == null || cluster.isBlank() ? "vineyard" : cluster.trim();
    bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind.trim();
    peers = List.copyOf(peers == null ? List.of() : peers);
    socket = socket == null ? "" : socket;
    commitTimeout = commitTimeout == null ? Duration.ofSeconds(10) : commitTimeout;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "port " + port + " is not a TCP port (0 picks a free one)");
    }
    if (!peers.isEmpty() && port == 0) {
      throw new IllegalArgumentException(
          "with peers " + peers + " this instance needs a fixed port (one of the list)");
    }
    if (peers.isEmpty() && discoveryDir == null) {
      throw new IllegalArgumentException(
          "without peers, a discovery folder shared by the runtimes is needed");
    }
    if (clusterKey == null && discoveryDir == null) {
      throw new IllegalArgumentException(
          "no cluster key: pass --cluster-key FILE (the same file on every member)");
    }
  }

  /**
   * The key file in effect: {@code clusterKey}, else the discovery folder's {@code <cluster>.key}.
   */
  public Path keyFile() {
    return clusterKey != null ? clusterKey : discoveryDir.resolve(cluster + ".key");
  }

  /** Embedded-mode settings for one machine: loopback, a free port, discovery through a folder. */
  public static ClusterSettings embedded(
      String cluster, Path discoveryDir, Path dataDir, String socket, Duration commitTimeout) {
    return new ClusterSettings(
        cluster, "127.0.0.1", 0, List.of(), discoveryDir, dataDir, socket, commitTimeout);
  }

  /** Splits a comma-separated list of names; blanks are skipped. */
  static List<String> parseNames(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String p : text.split(",")) {
        if (!p.isBlank()) {
          out.add(p.trim());
        }
      }
    }
    return out;
  }

  /** Whether members are found through the shared folder (no peers given). */
  public boolean embeddedDiscovery() {
    return peers.isEmpty();
  }

  /** This instance's address as its peers name it. */
  String self() {
    return bind + ":" + port;
  }
}
