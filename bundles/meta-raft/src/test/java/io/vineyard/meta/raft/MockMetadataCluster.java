package io.vineyard.meta.raft;

import io.vineyard.meta.raft.MetadataCommand.Outcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.View;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.raft.testfwk.RaftCluster;
import org.jgroups.raft.testfwk.RaftNode;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.Util;

/**
 * Metadata replicas wired by jgroups-raft's test framework: no sockets, no threads of our own,
 * messages delivered synchronously, so every step is deterministic. Each member has a real {@link
 * MapDbLog} in the test's folder, so restarts replay from disk.
 */
final class MockMetadataCluster implements AutoCloseable {
  final RaftCluster cluster = new RaftCluster();
  final Map<String, Member> members = new LinkedHashMap<>();
  private final Path dir;
  private final List<String> names;
  private long viewId = 1;

  /** One replica: its address, RAFT, node and state machine. */
  static final class Member {
    final String name;
    final Address address;
    RAFT raft;
    RaftNode node;
    MetadataStateMachine machine;

    Member(String name) {
      this.name = name;
      ExtendedUUID.setPrintFunction(RAFT.print_function);
      this.address = ExtendedUUID.randomUUID(name).put(RAFT.raft_id_key, Util.stringToBytes(name));
    }

    GlobalView view() {
      return new GlobalView(machine);
    }
  }

  MockMetadataCluster(Path dir, String... names) {
    this.dir = dir;
    this.names = List.of(names);
  }

  /** Starts a member (again: a new RAFT and replica over the same log file). */
  Member start(String name) throws Exception {
    Member m = members.computeIfAbsent(name, Member::new);
    m.machine = new MetadataStateMachine();
    m.raft =
        new RAFT()
            .raftId(name)
            .members(names)
            .resendInterval(600_000)
            .synchronous(true)
            .setAddress(m.address);
    m.raft.stateMachine(m.machine);
    m.raft.log(MapDbLog.open(dir.resolve(name + ".db")));
    m.node = new RaftNode(cluster, m.raft);
    m.node.init();
    cluster.add(m.address, m.node);
    m.node.start();
    return m;
  }

  /** Stops a member and takes it out of the view (its log file stays). */
  void stop(String name) throws Exception {
    Member m = members.get(name);
    cluster.remove(m.address);
    m.node.stop();
    m.node.destroy();
  }

  /** Installs a view of the running members, the first one leader, all at {@code term}. */
  void elect(String leader, long term, String... running) {
    Address[] addrs = new Address[running.length];
    for (int i = 0; i < running.length; i++) {
      addrs[i] = members.get(running[i]).address;
    }
    cluster.handleView(View.create(members.get(leader).address, viewId++, addrs));
    for (String r : running) {
      members.get(r).raft.setLeaderAndTerm(members.get(leader).address, term);
    }
  }

  /**
   * Commits a command through the leader, then sends the new commit index to the followers (in the
   * synchronous test cluster they learn it only from the leader's next message: resending and
   * immediate commit messages are off, the latter would recurse without threads in between).
   */
  Outcome commit(String leader, MetadataCommand c) throws Exception {
    byte[] b = c.encode();
    RAFT raft = members.get(leader).raft;
    Outcome o = Outcome.decode(raft.setAsync(b, 0, b.length, null).get(10, TimeUnit.SECONDS));
    raft.flushCommitTable();
    return o;
  }

  @Override
  public void close() throws Exception {
    for (Member m : members.values()) {
      try {
        m.node.stop();
        m.node.destroy();
      } catch (RuntimeException e) {
        // stopped already
      }
    }
    cluster.clear();
  }
}
