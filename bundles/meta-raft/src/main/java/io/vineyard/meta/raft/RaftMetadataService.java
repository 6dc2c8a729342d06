package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.meta.MetadataService;
import io.vineyard.meta.MetadataServices;
import io.vineyard.protocol.TreeLog;
import io.vineyard.settings.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The metadata of an instance in a cluster: transient trees stay local (a {@link
 * MetadataServices#local local} service, by composition), global ones live in the Raft-replicated
 * {@link MetadataStateMachine}, of which every instance holds a replica.
 *
 * <p><b>Writes</b> ({@link #persist}, {@link #remove} of a global object, names, labels of a global
 * object) are one command each, committed through the leader; they return once a majority has the
 * entry and this replica has applied it, or fail after the commit timeout with {@code
 * ConnectionError} ("no quorum: …", naming how many members are reachable).
 *
 * <p><b>Reads</b> are served by the local replica. Objects are immutable, so a tree found locally
 * is right. A miss on an ID that another instance created (its instance bits are not ours) may be a
 * persist this replica has not applied yet: then the service asks the leader for its applied count
 * (a read-only Raft request, no log entry) and waits until the replica has applied as much, then
 * looks again. So a {@code get} on any instance after a {@code persist} returned anywhere sees the
 * object. The query also makes the leader send its commit index to every member, so the wait is
 * about one round trip: measured on loopback (3 members, 2 cores) such a read costs 1.2–1.5 ms
 * (median); a hit costs nothing extra. A persist costs 4.3–4.6 ms from the leader and 6.8–7.3 ms
 * from a follower (median; two synced MapDB commits, ~1.3 ms each, dominate). Without a leader a
 * miss is answered from the replica as it is, after at most {@code min(1 s, commit timeout)}.
 * {@link #getName} and {@link #isPersisted} work the same way; {@link #listNames} always catches up
 * first (it cannot tell a miss). Deletes are not synchronized like this: another replica sees a
 * removed object, or a dropped name, until it applies the delete (milliseconds later).
 *
 * <p><b>Membership</b> with embedded discovery (no {@code peers}) follows the running runtimes and
 * a start never depends on stopped ones (see {@link Generation}); with peers it is the user's and
 * never changes. {@link #status} says {@code deployment: distributed} while the cluster has more
 * than one member.
 *
 * <p>The transport encrypts everything with the cluster's key ({@link ClusterKey}).
 */
@Component(
    service = MetadataService.class,
    configurationPid = RaftMetadataService.Config.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true,
    property = "service.ranking:Integer=100")
@Designate(ocd = RaftMetadataService.Config.class)
public final class RaftMetadataService implements MetadataService, AutoCloseable {

  /** Configuration of the replicated metadata service (Config Admin PID {@value Config#PID}). */
  @ObjectClassDefinition(
      name = "Vineyard replicated metadata",
      description = "Joins this instance to a Raft-replicated metadata cluster")
  public @interface Config {
    /** The Config Admin PID. */
    String PID = "io.vineyard.meta.raft";

    /** The cluster's name (--cluster). */
    @AttributeDefinition(
        description = "The cluster's name (--cluster); runtimes with different names never meet")
    String cluster() default "vineyard";

    /** The address the Raft transport binds to (--bind). */
    @AttributeDefinition(description = "The address the Raft transport binds to (--bind)")
    String bind() default "127.0.0.1";

    /** The transport's TCP port; 0 picks a free one. */
    @AttributeDefinition(
        description = "The Raft transport's TCP port; 0 picks a free one (embedded discovery only)")
    int port() default 0;

    /** Every member's host:port, comma separated (--peers); empty for embedded discovery. */
    @AttributeDefinition(
        description =
            "Every member's host:port, comma separated (--peers); empty: discovery through discovery.dir")
    String peers() default "";

    /**
     * The folder the runtimes of one user share to find each other; empty: the launcher's default,
     * {@code ~/.local/vineyard/discovery} ({@code /var/lib/vineyard/discovery} for root).
     */
    @AttributeDefinition(
        description =
            "The folder the runtimes of one user share to find each other (embedded mode);"
                + " empty: ~/.local/vineyard/discovery, /var/lib/vineyard/discovery for root")
    String discovery_dir() default "";

    /** This instance's own folder: Raft log, snapshots, instance ID. */
    @AttributeDefinition(
        description = "This instance's own folder: Raft log, snapshots, instance ID")
    String data_dir();

    /** This instance's IPC socket, as the instance registry reports it. */
    @AttributeDefinition(description = "This instance's IPC socket path, for the instance registry")
    String socket() default "";

    /**
     * The transport's key file (--cluster-key); empty: the discovery folder's {@code
     * <cluster>.key}.
     */
    @AttributeDefinition(
        description =
            "The file holding the cluster transport's key (--cluster-key); empty: the"
                + " discovery folder's <cluster>.key, created when the cluster is first founded")
    String cluster_key() default "";

    /** How long a change may wait for a majority, in milliseconds. */
    @AttributeDefinition(
        description =
            "How long a change may wait for a majority (ms) before it fails with 'no quorum'")
    long commit_timeout_ms() default 10_000;
  }

  private volatile RaftInstance cluster;
  private volatile MetadataService local;

  /** The bulk store: which of this instance's blobs still have their payload (after a restart). */
  @Reference private io.vineyard.store.BulkStore store;

  /** For DS. */
  public RaftMetadataService() {}

  /**
   * Starts an instance outside OSGi: locks the data dir, replays the log, joins the group and gets
   * this instance's ID. Close it to leave.
   */
  public static RaftMetadataService start(ClusterSettings settings) throws Exception {
    return start(settings, id -> true);
  }

  /**
   * {@link #start(ClusterSettings)}, bringing into the cluster only the objects of this instance
   * whose blobs {@code blobPresent} says are here.
   */
  public static RaftMetadataService start(ClusterSettings settings, Predicate<ObjectId> blobPresent)
      throws Exception {
    RaftMetadataService s = new RaftMetadataService();
    s.open(settings, blobPresent);
    return s;
  }

  /**
   * Starts the instance of a configuration. SCR activates an immediate component providing a
   * service twice when the first attempt fails (once for a component bound to the service, once for
   * itself): a second attempt with the same settings within {@value #REPEAT_WINDOW_MS} ms of a
   * failure fails at once with the first failure, so a failed start costs its time once and reports
   * its own cause.
   */
  @Activate
  void activate(Config config) throws Exception {
    ClusterSettings settings = settings(config);
    Failure last = lastFailure;
    if (last != null
        && last.settings().equals(settings)
        && System.nanoTime() - last.at() < REPEAT_WINDOW_MS * 1_000_000L) {
      throw last.error();
    }
    io.vineyard.store.BulkStore bulk = store;
    try {
      open(settings, bulk == null ? id -> true : bulk::contains);
    } catch (Exception e) {
      lastFailure = new Failure(settings, e, System.nanoTime());
      throw e;
    }
    lastFailure = null;
  }

  /** How long a failed activation answers a repeated one with its failure. */
  static final long REPEAT_WINDOW_MS = 5_000;

  private record Failure(ClusterSettings settings, Exception error, long at) {}

  private static volatile Failure lastFailure;

  /** The settings a configuration stands for. */
  static ClusterSettings settings(Config c) {
    if (c.data_dir() == null || c.data_dir().isBlank()) {
      throw new IllegalArgumentException(
          "no data dir given (--data-dir; "
              + Config.PID
              + " data.dir): this instance's"
              + " folder for the Raft log and its ID");
    }
    String discovery = c.discovery_dir();
    Path discoveryDir =
        discovery == null || discovery.isBlank() ? defaultDiscoveryDir() : Path.of(discovery);
    try {
      return new ClusterSettings(
          c.cluster(),
          c.bind(),
          c.port(),
          HostPort.parsePeers(c.peers()),
          discoveryDir,
          Path.of(c.data_dir()),
          c.socket(),
          Duration.ofMillis(c.commit_timeout_ms()),
          c.cluster_key() == null || c.cluster_key().isBlank() ? null : Path.of(c.cluster_key()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(Config.PID + ": " + e.getMessage(), e);
    }
  }

  /**
   * The launcher's default discovery folder: {@code ~/.local/vineyard/discovery}, for root {@code
   * /var/lib/vineyard/discovery}.
   */
  static Path defaultDiscoveryDir() {
    boolean root;
    try {
      root =
          ((Number) java.nio.file.Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue()
              == 0;
    } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
      root = "root".equals(System.getProperty("user.name"));
    }
    return root
        ? Path.of("/var/lib/vineyard/discovery")
        : Path.of(System.getProperty("user.home"), ".local", "vineyard", "discovery");
  }

  private void open(ClusterSettings settings, Predicate<ObjectId> blobPresent) throws Exception {
    RaftInstance c = RaftInstance.start(settings, blobPresent);
    MetadataService l = MetadataServices.local(c.instanceId());
    try {
      TreeLog kept =
          TreeLog.open(c.dir.path(), t -> Carry.payloadPresent(t, c.instanceId(), blobPresent));
      for (ObjectMeta t : kept.kept()) {
        l.put(t); // what this instance held before it stopped or died, payload still here
      }
      transients = kept;
    } catch (Exception | Error e) {
      c.close();
      throw e;
    }
    cluster = c;
    local = l;
  }

  /** This instance's transient trees, kept in its data dir across restarts. */
  private TreeLog transients;

  /**
   * Stops this instance. In embedded mode a member leaves the cluster first while other members run
   * (so they keep a majority without it); the last member stays one, with its data.
   */
  @Deactivate
  @Override
  public void close() {
    RaftInstance c = cluster;
    if (c != null) {
      c.close();
    }
    TreeLog t = transients;
    if (t != null) {
      t.close();
    }
  }

  /** Stops as a killed runtime would, as far as the cluster can tell: it stays a member (tests). */
  void kill() {
    RaftInstance c = cluster;
    if (c != null) {
      c.kill();
    }
  }

  /** The running member (tests). */
  RaftInstance instance() {
    return cluster;
  }

  private GlobalView global() {
    return cluster.global();
  }

  @Override
  public long instanceId() {
    return cluster.instanceId();
  }

  /**
   * Stores a new tree locally (transient). A composite of other instances' objects becomes global
   * when the caller persists it (the server does so at once); its remote members must be global.
   */
  @Override
  public void put(ObjectMeta tree) {
    ObjectId id = tree.id();
    if (global().contains(id)) {
      throw new VineyardException.ObjectExists("object " + id + " already exists");
    }
    synchronized (transients) {
      local.put(tree);
      transients.put(tree);
    }
  }

  @Override
  public Optional<ObjectMeta> get(ObjectId id) {
    Optional<ObjectMeta> t = local.get(id);
    if (t.isPresent()) {
      return t;
    }
    t = global().get(id);
    if (t.isEmpty() && catchUpFor(id)) {
      t = global().get(id);
    }
    return t;
  }

  @Override
  public boolean contains(ObjectId id) {
    return local.contains(id) || global().contains(id) || (catchUpFor(id) && global().contains(id));
  }

  /**
   * Whether a miss on {@code id} is worth catching up for (another instance created it), and did.
   */
  private boolean catchUpFor(ObjectId id) {
    return !id.isBlob() && id.instance() != instanceId() && cluster.catchUp();
  }

  @Override
  public List<ObjectMeta> list(Predicate<String> typename, int limit) {
    TreeMap<ObjectId, ObjectMeta> merged = new TreeMap<>();
    for (ObjectMeta t : local.list(typename, limit)) {
      merged.put(t.id(), t);
    }
    for (ObjectMeta t : global().list(typename, limit)) {
      merged.put(t.id(), t);
    }
    return new ArrayList<>(merged.values()).subList(0, Math.min(limit, merged.size()));
  }

  @Override
  public Optional<ObjectMeta> remove(ObjectId id) {
    Optional<ObjectMeta> t;
    synchronized (transients) {
      t = local.remove(id);
      if (t.isPresent()) {
        transients.remove(id);
      }
    }
    if (t.isPresent()) {
      return t;
    }
    t = global().get(id);
    if (t.isEmpty()) {
      return t;
    }
    MetadataCommand.Outcome o = cluster.commit(new MetadataCommand.Delete(id), "delete of " + id);
    return o.ok() ? t : Optional.empty();
  }

  @Override
  public Set<ObjectId> referrers(ObjectId id) {
    Set<ObjectId> out = new TreeSet<>(local.referrers(id));
    out.addAll(global().referrers(id));
    return out;
  }

  @Override
  public int size() {
    return local.size() + global().size();
  }

  @Override
  public void persist(ObjectId id) {
    if (id.isBlob()) {
      throw new VineyardException.AssertionFailed(
          "a blob alone cannot be persisted ("
              + id
              + "): persist an object that has it as a member");
    }
    Optional<ObjectMeta> tree = local.get(id);
    if (tree.isEmpty()) {
      if (global().contains(id) || (catchUpFor(id) && global().contains(id))) {
        return; // persisted already
      }
      throw new VineyardException.ObjectNotExists("cannot persist " + id + ": no such object");
    }
    commitPersist(id, tree.get());
  }

  private void commitPersist(ObjectId id, ObjectMeta tree) {
    List<ObjectMeta> trees =
        PersistPlan.collect(tree, instanceId(), local::get, global()::contains);
    cluster.commit(new MetadataCommand.Persist(trees), "persist of " + id);
    synchronized (transients) {
      for (ObjectMeta t : trees) {
        if (local.remove(t.id()).isPresent()) { // global now: the replica answers for it
          transients.remove(t.id());
        }
      }
    }
  }

  @Override
  public boolean isPersisted(ObjectId id) {
    return global().contains(id)
        || (!local.contains(id) && catchUpFor(id) && global().contains(id));
  }

  @Override
  public void putName(String name, ObjectId id) {
    if (id.isBlob()) {
      throw new VineyardException.Invalid("blobs cannot have names (" + id + ")");
    }
    if (local.contains(id)) {
      throw new VineyardException.Invalid(
          "transient objects cannot have names: persist " + id + " first");
    }
    if (!global().contains(id) && !(catchUpFor(id) && global().contains(id))) {
      throw new VineyardException.ObjectNotExists(
          "cannot name " + id + " '" + name + "': no such object");
    }
    if (!cluster
        .commit(new MetadataCommand.PutName(name, id), "put_name '" + name + "' of " + id)
        .ok()) {
      throw new VineyardException.ObjectNotExists(
          "cannot name " + id + " '" + name + "': it was deleted meanwhile");
    }
  }

  /** A transient object is labelled locally; a persisted one by one replicated command. */
  @Override
  public void label(ObjectId id, Map<String, String> labels) {
    if (id.isBlob()) {
      throw new VineyardException.Invalid("blobs cannot have labels (" + id + ")");
    }
    if (local.contains(id)) {
      try {
        synchronized (transients) {
          local.label(id, labels);
          local.get(id).ifPresent(transients::put);
        }
        return;
      } catch (VineyardException.ObjectNotExists e) {
        // persisted meanwhile: label the global tree
      }
    }
    if (!global().contains(id) && !(catchUpFor(id) && global().contains(id))) {
      throw new VineyardException.ObjectNotExists("cannot label " + id + ": no such object");
    }
    if (!cluster.commit(new MetadataCommand.Label(id, labels), "label of " + id).ok()) {
      throw new VineyardException.ObjectNotExists(
          "cannot label " + id + ": it was deleted meanwhile");
    }
  }

  @Override
  public Optional<ObjectId> getName(String name, Duration timeout) {
    // linearizable: a name another instance dropped or moved a moment ago is not served stale
    cluster.catchUp();
    return cluster.awaitName(name, timeout);
  }

  @Override
  public boolean sync() {
    return cluster.catchUp();
  }

  /**
   * Catches up first: a list has no miss to tell it that a name put elsewhere is not applied here
   * yet.
   */
  @Override
  public Map<String, ObjectId> listNames(Predicate<String> matches, int limit) {
    cluster.catchUp();
    return global().names(matches, limit);
  }

  @Override
  public boolean dropName(String name) {
    return cluster.commit(new MetadataCommand.DropName(name), "drop_name '" + name + "'").ok();
  }

  @Override
  public List<InstanceInfo> instances() {
    return cluster.instances();
  }

  @Override
  public void advertiseRpcEndpoint(String endpoint) {
    cluster.advertise(endpoint);
  }

  @Override
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>(cluster.status());
    s.put("transient_objects", local.size());
    if (((List<?>) s.get("members")).size() > 1) {
      s.put("deployment", "distributed");
    }
    return s;
  }
}
