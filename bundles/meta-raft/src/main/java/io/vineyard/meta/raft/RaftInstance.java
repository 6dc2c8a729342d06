package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.meta.InstanceInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running member of the metadata cluster: its locked data dir, its replica, its place in the
 * Raft group and its instance ID.
 *
 * <p>Start-up: lock the data dir, open the log (RAFT replays the snapshot and committed entries
 * into the replica), connect, then make sure the group knows this instance. On the first start of a
 * data dir that means becoming a voting member (embedded mode) and registering, which hands out the
 * instance ID from the replicated counter; both need a majority and block the start for up to three
 * commit timeouts (at least 15 s). The ID is then written to {@code instance.id}, so a restart
 * knows it at once and refreshes its registration (socket, start time) in the background, even
 * while no majority is reachable.
 */
final class RaftInstance implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RaftInstance.class.getName());

  private final ClusterSettings settings;
  private final DataDir dir;
  private final Bootstrap bootstrap;
  private final MetadataStateMachine machine;
  private final GlobalView global;
  private final RaftGroup group;
  private final long startedAt = System.currentTimeMillis();
  private volatile long instanceId = -1;
  private volatile boolean closed;
  private Thread registrar;

  private RaftInstance(ClusterSettings settings, DataDir dir, Bootstrap bootstrap, MetadataStateMachine machine, RaftGroup group) {
    this.settings = settings;
    this.dir = dir;
    this.bootstrap = bootstrap;
    this.machine = machine;
    this.global = new GlobalView(machine);
    this.group = group;
  }

  static RaftInstance start(ClusterSettings s) throws Exception {
    DataDir dir = DataDir.lock(s.dataDir());
    RaftGroup group = null;
    try {
      Bootstrap b = Bootstrap.decide(s, dir);
      MetadataStateMachine machine = new MetadataStateMachine();
      MapDbLog log = MapDbLog.open(dir.logFile());
      try {
        group = RaftGroup.connect(s, b, log, machine);
      } catch (Exception e) {
        log.close();
        throw e;
      }
      RaftInstance instance = new RaftInstance(s, dir, b, machine, group);
      instance.register();
      return instance;
    } catch (Exception | Error e) {
      if (group != null) {
        group.close();
      }
      dir.close();
      throw e;
    }
  }

  private void register() throws Exception {
    OptionalLong stored = dir.instanceId();
    if (stored.isPresent()) {
      instanceId = stored.getAsLong();
      registrar = Thread.ofVirtual().name("vineyard-raft-register").start(this::refreshRegistration);
      return;
    }
    Duration timeout = settings.commitTimeout().multipliedBy(3);
    if (timeout.compareTo(Duration.ofSeconds(15)) < 0) {
      timeout = Duration.ofSeconds(15);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    if (bootstrap.mustJoin()) {
      group.joinGroup(timeout);
    }
    long id = -1;
    while (id < 0) {
      try {
        id = group.commit(registration(-1), "registration of Raft member " + bootstrap.raftId()).value();
      } catch (io.vineyard.api.VineyardException.ConnectionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
    dir.writeInstanceId(id);
    instanceId = id;
  }

  /** A restart: rejoin and refresh this instance's entry, retrying until it works or we stop. */
  private void refreshRegistration() {
    while (!closed) {
      try {
        if (bootstrap.mustJoin()) {
          group.joinGroup(settings.commitTimeout());
        }
        group.commit(registration(instanceId), "registration of instance " + instanceId);
        return;
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) {
          LOG.log(Level.FINE, "instance " + instanceId + " not registered yet, retrying: " + e.getMessage());
        }
      }
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

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread r = registrar;
    if (r != null) {
      r.interrupt();
    }
    try {
      group.close();
    } finally {
      try {
        dir.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not release the lock of " + settings.dataDir(), e);
      }
    }
  }
}
