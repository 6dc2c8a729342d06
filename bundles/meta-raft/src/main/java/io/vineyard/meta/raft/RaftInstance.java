package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.meta.InstanceInfo;
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
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running member of the metadata cluster: its locked data dir, its replica, its place in the
 * Raft group and its instance ID.
 *
 * <p>Start-up: lock the data dir, decide the group ({@link Bootstrap}), open the log (RAFT replays
 * the snapshot and committed entries into the replica), connect, then make sure the group knows
 * this instance. A runtime outside the membership after the replay (a new data dir, or one that
 * left on its last stop) first becomes a voting member (embedded mode) and registers, which hands
 * out the instance ID from the replicated counter; both need a majority and block the start for up
 * to three commit timeouts (at least 15 s), or fail after {@code min(commit timeout, 5 s)} (at least
 * 2 s) if no leader shows up. The ID is then written to {@code instance.id}, so a restart of a
 * member knows it at once and refreshes its registration (socket, start time) in the background,
 * even while no majority is reachable. A first start that fails leaves no trace in the cluster: a
 * membership it got is given back, and its data dir forgets the cluster.
 *
 * <p>Stop ({@link #close}): in embedded mode a member leaves the group while others run, so they
 * keep their majority (see {@link #leave}); the last member stays one, with its data. {@link
 * #kill} stops like a killed process: the member stays.
 */
final class RaftInstance implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RaftInstance.class.getName());
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(3);

  private final ClusterSettings settings;
  private final DataDir dir;
  private final Discovery discovery;
  private final Bootstrap bootstrap;
  private final MetadataStateMachine machine;
  private final GlobalView global;
  private final RaftGroup group;
  private final long startedAt = System.currentTimeMillis();
  private volatile long instanceId = -1;
  private volatile boolean closed;
  private Thread registrar;

  private RaftInstance(ClusterSettings settings, DataDir dir, Discovery discovery, Bootstrap bootstrap,
      MetadataStateMachine machine, RaftGroup group) {
    this.settings = settings;
    this.dir = dir;
    this.discovery = discovery;
    this.bootstrap = bootstrap;
    this.machine = machine;
    this.global = new GlobalView(machine);
    this.group = group;
  }

  static RaftInstance start(ClusterSettings s) throws Exception {
    DataDir dir = DataDir.lock(s.dataDir());
    Discovery discovery = s.embeddedDiscovery() ? new Discovery(s.discoveryDir(), s.cluster()) : null;
    RaftGroup group = null;
    RaftInstance instance = null;
    Bootstrap b = null;
    boolean firstStart;
    try {
      firstStart = dir.instanceId().isEmpty();
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
    try {
      b = Bootstrap.decide(s, dir, discovery);
      MetadataStateMachine machine = new MetadataStateMachine();
      MapDbLog log = MapDbLog.open(dir.logFile());
      try {
        group = RaftGroup.connect(s, b, log, machine);
      } catch (Exception e) {
        log.close();
        throw e;
      }
      instance = new RaftInstance(s, dir, discovery, b, machine, group);
      instance.register();
      return instance;
    } catch (Exception | Error e) {
      // a newcomer's failed first start leaves no trace: the membership it got goes back, its data
      // dir forgets the cluster (a founder keeps it: the folder names it)
      boolean joiner = discovery != null && firstStart && b != null && b.mustJoin();
      boolean member = false;
      if (group != null) {
        if (instance != null && joiner && group.isMember()) {
          instance.leave();
        }
        member = group.isMember();
        group.close();
      }
      try {
        if (joiner && !member) {
          discovery.forget();
          dir.forgetCluster();
        }
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      } finally {
        if (discovery != null) {
          discovery.close();
        }
        dir.close();
      }
      throw e;
    }
  }

  private void register() throws Exception {
    OptionalLong stored = dir.instanceId();
    if (stored.isPresent() && group.isMember()) {
      instanceId = stored.getAsLong();
      registrar = Thread.ofVirtual().name("vineyard-raft-register").start(this::refreshRegistration);
      return;
    }
    Duration timeout = settings.commitTimeout().multipliedBy(3);
    if (timeout.compareTo(Duration.ofSeconds(15)) < 0) {
      timeout = Duration.ofSeconds(15);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!group.isMember()) {
      group.joinGroup(timeout, leaderWait(), this::describe, stoppedMembers());
      if (discovery != null) {
        dir.markLeft(false);
      }
    }
    long requested = stored.orElse(-1);
    long id = -1;
    while (id < 0) {
      try {
        id = group.commit(registration(requested), "registration of Raft member " + bootstrap.raftId()).value();
      } catch (io.vineyard.api.VineyardException.ConnectionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
    if (stored.isEmpty() || stored.getAsLong() != id) {
      dir.writeInstanceId(id);
    }
    instanceId = id;
  }

  /** How long a joiner waits for a leader to show up: {@code min(commit timeout, 5 s)}, at least 2 s. */
  private Duration leaderWait() {
    Duration d = settings.commitTimeout();
    return d.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : d.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : d;
  }

  /** A restart: refresh this instance's entry (rejoining if need be), retrying until it works or we stop. */
  private void refreshRegistration() {
    while (!closed) {
      try {
        if (!group.isMember() && settings.embeddedDiscovery()) {
          group.joinGroup(settings.commitTimeout(), settings.commitTimeout(), this::describe, "");
        }
        group.commit(registration(instanceId), "registration of instance " + instanceId);
        return;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.log(Level.FINE, "instance " + instanceId + " not registered yet, retrying: " + e.getMessage());
          try {
            Thread.sleep(200);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }
  }

  /** Names Raft members as users know them: their sockets where known, this runtime as such. */
  private String describe(Collection<String> raftIds) {
    Map<String, String> sockets = new HashMap<>();
    for (InstanceRecord r : global.instances()) {
      if (!r.socket().isEmpty()) {
        sockets.put(r.raftId(), r.socket());
      }
    }
    if (discovery != null) {
      try {
        for (Discovery.Member m : discovery.members(dir.cluster().getProperty(Bootstrap.EPOCH, ""))) {
          if (!m.socket().isEmpty()) {
            sockets.putIfAbsent(m.raftId(), m.socket());
          }
        }
      } catch (IOException e) {
        // names only
      }
    }
    List<String> out = new ArrayList<>();
    for (String id : new TreeSet<>(raftIds)) {
      out.add(id.equals(bootstrap.raftId()) ? "this runtime" : sockets.getOrDefault(id, id));
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  /** The members whose runtimes are known to be stopped, by socket ("" if none or not known). */
  private String stoppedMembers() {
    if (discovery == null) {
      return "";
    }
    try {
      return String.join(", ", discovery.members(dir.cluster().getProperty(Bootstrap.EPOCH, "")).stream()
          .filter(m -> !m.running()).map(Discovery.Member::label).toList());
    } catch (IOException e) {
      return "";
    }
  }

  private MetadataCommand.Register registration(long requested) {
    return new MetadataCommand.Register(bootstrap.raftId(), requested, settings.socket(), hostName(), startedAt);
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
    return global;
  }

  MetadataCommand.Outcome commit(MetadataCommand command, String what) {
    return group.commit(command, what);
  }

  /** Brings the replica up to what the leader has applied (see {@link RaftGroup#catchUp}). */
  boolean catchUp() {
    Duration t = settings.commitTimeout();
    return group.catchUp(t.compareTo(Duration.ofSeconds(1)) < 0 ? t : Duration.ofSeconds(1));
  }

  Optional<ObjectId> awaitName(String name, Duration timeout) {
    try {
      return machine.awaitName(name, timeout.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  List<InstanceInfo> instances() {
    Set<String> connected = group.connected();
    List<InstanceInfo> out = new ArrayList<>();
    for (InstanceRecord r : global.instances()) {
      out.add(r.info(connected.contains(r.raftId())));
    }
    return out;
  }

  Map<String, Object> status() {
    var raft = group.raft();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("metadata", "raft");
    s.put("cluster", settings.cluster());
    s.put("instance_id", instanceId);
    s.put("raft_id", bootstrap.raftId());
    s.put("role", raft.role());
    s.put("leader", raft.leader() == null ? "" : org.jgroups.raft.util.Utils.extractRaftId(raft.leader()));
    s.put("term", raft.currentTerm());
    s.put("commit_index", raft.commitIndex());
    s.put("last_appended", raft.lastAppended());
    s.put("members", List.copyOf(raft.members()));
    s.put("reachable_members", List.copyOf(group.reachableMembers()));
    s.put("applied_commands", machine.version());
    s.put("global_objects", global.size());
    return s;
  }

  /**
   * Stops: in embedded mode, a member that is not the last leaves the group first ({@link #leave}),
   * so the others keep their majority.
   */
  @Override
  public void close() {
    close(true);
  }

  /** Stops as a killed runtime would, as far as the cluster can tell: this member stays a member. */
  void kill() {
    close(false);
  }

  private synchronized void close(boolean leave) {
    if (closed) {
      return;
    }
    closed = true;
    Thread r = registrar;
    if (r != null) {
      r.interrupt();
    }
    try {
      if (leave && discovery != null) {
        leave();
      }
    } finally {
      try {
        group.close();
      } finally {
        try {
          if (discovery != null) {
            discovery.close();
          }
          dir.close();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not release the locks of " + settings.dataDir(), e);
        }
      }
    }
  }

  /**
   * Leaves the Raft group (embedded mode), unless this is its last member or no other member runs:
   * under the cluster lock (two members stopping at once must not both leave: the last one stays),
   * commits a {@link MetadataCommand.Barrier} so that this replica knows the current membership,
   * then has the leader remove this member, waits until the removal is applied here, and commits
   * another barrier, so that a leader (a new one if this was the leader) has applied it too. All of
   * it within {@code min(commit timeout, 3 s)}; on failure it logs and this runtime stays a member.
   *
   * @return whether this member left
   */
  private boolean leave() {
    Duration timeout = settings.commitTimeout().compareTo(LEAVE_TIMEOUT) < 0 ? settings.commitTimeout() : LEAVE_TIMEOUT;
    String self = bootstrap.raftId();
    if (!group.isMember()) {
      return false;
    }
    if (group.raft().members().size() <= 1) {
      LOG.info("Raft member " + self + " stays the only member of cluster '" + settings.cluster() + "', with its data:"
          + " restart this runtime to go on with it");
      return false;
    }
    Set<String> others = new TreeSet<>(group.reachableMembers());
    others.remove(self);
    if (others.isEmpty()) {
      LOG.info("Raft member " + self + " stays a member of cluster '" + settings.cluster() + "': no other member runs ("
          + describe(group.raft().members()) + ")");
      return false;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return discovery.locked(timeout, () -> {
        group.commit(new MetadataCommand.Barrier(), "membership check of " + self, left(deadline));
        List<String> members = group.raft().members();
        if (!members.contains(self) || members.size() <= 1) {
          LOG.info("Raft member " + self + " stays the only member of cluster '" + settings.cluster() + "' (the others"
              + " left meanwhile), with its data: restart this runtime to go on with it");
          return false;
        }
        group.leaveGroup(left(deadline));
        dir.markLeft(true);
        discovery.forget();
        // a leader that removed itself stepped down as it applied the removal, before the others
        // learned that it was committed; until a new leader commits it, they still count this member
        // (two left of three could elect, one left of two could not): stay until one has
        try {
          group.commit(new MetadataCommand.Barrier(), "confirmation of the removal of " + self, left(deadline));
        } catch (RuntimeException e) {
          LOG.warning("Raft member " + self + " left cluster '" + settings.cluster() + "', but no leader confirmed it"
              + " within " + Timeouts.text(timeout) + " (" + e.getMessage() + "): until one does, the others still count"
              + " this member in their majority");
          return true;
        }
        LOG.info("Raft member " + self + (instanceId < 0 ? "" : " (instance " + instanceId + ")") + " left cluster '"
            + settings.cluster() + "': "
            + describe(group.raft().members()) + " go on without it; it is added again when it restarts");
        return true;
      });
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warning("Raft member " + self + " could not leave cluster '" + settings.cluster() + "' within "
          + Timeouts.text(timeout) + " (" + e.getMessage() + "): it stays a member, and the others count it in their"
          + " majority until it runs again");
      return false;
    }
  }

  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }
}
