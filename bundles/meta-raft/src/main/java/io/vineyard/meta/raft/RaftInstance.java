package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.settings.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.crypto.SecretKey;

/**
 * One running member of the metadata cluster: its locked data dir, its instance ID and its current
 * Raft group with the replica. In embedded mode the group is one {@link Generation} at a time,
 * replaced when this runtime moves (see {@link Generation}); with {@code --peers} it is the fixed
 * group for the runtime's whole life.
 *
 * <p>Peers: the log in the data dir is reopened at every start (RAFT replays it), the instance ID
 * comes from the replicated counter on the first start and from {@code instance.id} after; a start
 * with no majority waits up to three commit timeouts (at least 15 s) for it and says so.
 */
final class RaftInstance implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RaftInstance.class.getName());

  final ClusterSettings settings;
  final DataDir dir;
  final SecretKey key;
  final long startedAt = System.currentTimeMillis();
  volatile long instanceId = -1;
  volatile RaftGroup group;
  volatile boolean closed;
  private volatile String rpcEndpoint = InstanceInfo.NO_RPC_ENDPOINT;
  private Generation generations;
  private Thread registrar;

  RaftInstance(ClusterSettings settings, DataDir dir, SecretKey key) {
    this.settings = settings;
    this.dir = dir;
    this.key = key;
  }

  /**
   * Starts a member.
   *
   * @param blobPresent whether a blob of this instance still has its payload (embedded mode brings
   *     only objects whose payload survived into the cluster)
   */
  static RaftInstance start(ClusterSettings s, Predicate<ObjectId> blobPresent) throws Exception {
    DataDir dir = DataDir.lock(s.dataDir());
    try {
      SecretKey key = ClusterKey.load(s.keyFile(), s.embeddedDiscovery() || s.clusterKey() == null);
      RaftInstance instance = new RaftInstance(s, dir, key);
      if (s.embeddedDiscovery()) {
        instance.generations = Generation.start(instance, blobPresent);
      } else {
        instance.startPeers();
      }
      return instance;
    } catch (Exception | Error e) {
      dir.close();
      throw e;
    }
  }

  private void startPeers() throws Exception {
    Bootstrap b = Bootstrap.peers(settings, dir);
    MapDbLog log = MapDbLog.open(dir.logFile());
    RaftGroup g;
    try {
      g = RaftGroup.connect(settings, b, log, new MetadataStateMachine(), key);
    } catch (Exception e) {
      log.close();
      throw e;
    }
    group = g;
    try {
      OptionalLong stored = dir.instanceId();
      if (stored.isPresent()) {
        instanceId = stored.getAsLong();
        registrar =
            Thread.ofVirtual().name("vineyard-raft-register").start(this::refreshRegistration);
      } else {
        Duration timeout = settings.commitTimeout().multipliedBy(3);
        timeout = timeout.compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15) : timeout;
        long id =
            g.commit(
                    registration(b.raftId(), -1),
                    "registration of Raft member " + b.raftId(),
                    timeout)
                .value();
        dir.writeInstanceId(id);
        instanceId = id;
      }
      Bootstrap.remember(dir, b.raftId());
    } catch (Exception | Error e) {
      g.close();
      throw e;
    }
  }

  /** A restart with peers: refresh this instance's entry, retrying until it works or we stop. */
  private void refreshRegistration() {
    while (!closed) {
      try {
        group.commit(
            registration(group.raftId(), instanceId), "registration of instance " + instanceId);
        return;
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.DEBUG,
            "instance " + instanceId + " not registered yet, retrying: " + e.getMessage());
        // no majority yet: the registration waits for one, in the background, until it stops
        if (Deadline.in(Duration.ofMillis(200)).poll(Duration.ofMillis(20), () -> closed)
            || Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }
  }

  MetadataCommand.Register registration(String raftId, long requested) {
    return new MetadataCommand.Register(
        raftId, requested, settings.socket(), hostName(), startedAt, rpcEndpoint);
  }

  /**
   * Records this instance's RPC endpoint in the cluster: every later registration carries it, and
   * the current one is refreshed now (in the background, until a majority takes it or this instance
   * stops).
   */
  void advertise(String endpoint) {
    rpcEndpoint = endpoint;
    Thread.ofVirtual()
        .name("vineyard-raft-advertise")
        .start(
            () -> {
              while (!closed) {
                try {
                  RaftGroup g = group;
                  commit(
                      registration(g.raftId(), instanceId),
                      "RPC endpoint " + endpoint + " of instance " + instanceId);
                  return;
                } catch (RuntimeException e) {
                  LOG.log(
                      System.Logger.Level.DEBUG,
                      "RPC endpoint of instance " + instanceId + " not recorded yet: " + e);
                  if (Deadline.in(Duration.ofMillis(200)).poll(Duration.ofMillis(20), () -> closed)
                      || Thread.currentThread().isInterrupted()) {
                    return;
                  }
                }
              }
            });
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  long instanceId() {
    return instanceId;
  }

  GlobalView global() {
    return new GlobalView(group.machine());
  }

  /**
   * Commits a command through the current group; a change caught by a move to a new generation is
   * sent again in the new one, within the commit timeout.
   */
  MetadataCommand.Outcome commit(MetadataCommand command, String what) {
    long deadline = System.nanoTime() + settings.commitTimeout().toNanos();
    Duration timeout = settings.commitTimeout();
    while (true) {
      RaftGroup g = group;
      try {
        return g.commit(command, what, timeout);
      } catch (VineyardException.ConnectionError e) {
        if (closed || !awaitOtherGroup(g, deadline)) {
          throw e;
        }
        timeout = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      }
    }
  }

  /** Waits (bounded) for a group other than {@code g}: whether there is one. */
  private boolean awaitOtherGroup(RaftGroup g, long deadline) {
    synchronized (this) {
      while (group == g && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return group != g && !closed;
    }
  }

  /** Makes {@code g} the current group (a move to a new generation finished). */
  synchronized void use(RaftGroup g) {
    group = g;
    notifyAll();
  }

  /** Brings the replica up to what the leader has applied (see {@link RaftGroup#catchUp}). */
  boolean catchUp() {
    Duration t = settings.commitTimeout();
    return group.catchUp(t.compareTo(Duration.ofSeconds(1)) < 0 ? t : Duration.ofSeconds(1));
  }

  Optional<ObjectId> awaitName(String name, Duration timeout) {
    try {
      return group.machine().awaitName(name, timeout.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  List<InstanceInfo> instances() {
    RaftGroup g = group;
    Set<String> connected = g.connected();
    List<InstanceInfo> out = new ArrayList<>();
    for (InstanceRecord r : new GlobalView(g.machine()).instances()) {
      out.add(r.info(connected.contains(r.raftId())));
    }
    return out;
  }

  /** Names Raft members as users know them: their sockets where known, this runtime as such. */
  String describe(Collection<String> raftIds) {
    RaftGroup g = group;
    Map<String, String> sockets = new HashMap<>();
    if (g != null) {
      for (InstanceRecord r : new GlobalView(g.machine()).instances()) {
        if (!r.socket().isEmpty()) {
          sockets.put(r.raftId(), r.socket());
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String id : new TreeSet<>(raftIds)) {
      out.add(g != null && id.equals(g.raftId()) ? "this runtime" : sockets.getOrDefault(id, id));
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  Map<String, Object> status() {
    RaftGroup g = group;
    var raft = g.raft();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("metadata", "raft");
    s.put("cluster", settings.cluster());
    s.put("generation", g.bootstrap().groupName());
    s.put("instance_id", instanceId);
    s.put("raft_id", g.raftId());
    s.put("role", raft.role());
    s.put(
        "leader",
        raft.leader() == null ? "" : org.jgroups.raft.util.Utils.extractRaftId(raft.leader()));
    s.put("term", raft.currentTerm());
    s.put("commit_index", raft.commitIndex());
    s.put("last_appended", raft.lastAppended());
    s.put("members", List.copyOf(raft.members()));
    s.put("reachable_members", List.copyOf(g.reachableMembers()));
    s.put("applied_commands", g.machine().version());
    s.put("global_objects", new GlobalView(g.machine()).size());
    return s;
  }

  /**
   * Stops; in embedded mode a member leaves the group first while others run (see {@link
   * Generation#stop}).
   */
  @Override
  public void close() {
    close(true);
  }

  /** Stops as a killed runtime would, as far as the cluster can tell. */
  void kill() {
    close(false);
  }

  private void close(boolean clean) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    Thread r = registrar;
    if (r != null) {
      r.interrupt();
    }
    try {
      if (generations != null) {
        generations.stop(clean);
      } else {
        group.close();
      }
    } finally {
      try {
        dir.close();
      } catch (IOException e) {
        LOG.log(
            System.Logger.Level.WARNING, "could not release the lock of " + settings.dataDir(), e);
      }
    }
  }
}
