package io.vineyard.meta.raft;

import io.vineyard.api.VineyardException;
import io.vineyard.meta.raft.MetadataCommand.Outcome;
import io.vineyard.settings.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.View;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FILE_PING;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.raft.ELECTION;
import org.jgroups.protocols.raft.NO_DUPES;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.REDIRECT;
import org.jgroups.protocols.raft.RaftLeaderException;
import org.jgroups.raft.RaftHandle;
import org.jgroups.raft.util.Utils;
import org.jgroups.stack.Protocol;

/**
 * This instance's membership in the Raft group: the JGroups channel (TCP on the bind address,
 * discovery through the shared folder or the peer list, never multicast), RAFT with the {@link
 * MapDbLog} and the {@link MetadataStateMachine}, and the two ways to talk to the group.
 *
 * <ul>
 *   <li>{@link #commit}: a command goes to the leader (REDIRECT forwards it), is appended and
 *       replicated, and returns once a majority has it and this replica has applied it. A command
 *       refused because the leader changed is sent again (the commands are idempotent: a persist
 *       puts the same trees, a registration keeps the runtime's ID); one that takes longer than the
 *       commit timeout fails with {@code ConnectionError} (it may still commit later, as with any
 *       Raft).
 *   <li>{@link #catchUp}: asks the leader how many commands it has applied (a read-only request, no
 *       log entry) and waits until this replica has applied as many: after it, a local read sees
 *       every change that had been acknowledged anywhere when it started.
 * </ul>
 */
final class RaftGroup implements AutoCloseable {
  private final ClusterSettings settings;
  private final Bootstrap bootstrap;
  private final MetadataStateMachine machine;
  private final JChannel channel;
  private final RAFT raft;
  private final REDIRECT redirect;
  private final RaftHandle handle;

  private RaftGroup(
      ClusterSettings settings,
      Bootstrap bootstrap,
      MetadataStateMachine machine,
      JChannel channel) {
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.machine = machine;
    this.channel = channel;
    this.raft = channel.getProtocolStack().findProtocol(RAFT.class);
    this.redirect = channel.getProtocolStack().findProtocol(REDIRECT.class);
    this.handle = new RaftHandle(channel, machine);
  }

  /**
   * The largest frame the transport reads; a longer one (a crafted length, say) closes that
   * connection before anything is allocated. Messages are fragmented at 60 KB and bundled up to 64
   * KB, so no member ever sends a frame near this.
   */
  static final int MAX_FRAME = 1 << 20;

  /** Builds the stack, opens the log and connects; the group may still be electing a leader. */
  static RaftGroup connect(
      ClusterSettings s,
      Bootstrap b,
      MapDbLog log,
      MetadataStateMachine machine,
      javax.crypto.SecretKey key)
      throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(
        RaftGroup.class.getClassLoader()); // jgroups resolves some names through it
    try {
      if (s.embeddedDiscovery()) {
        forgetStaleEntries(s.discoveryDir().resolve(b.groupName()), b.raftId());
      }
      JChannel ch = new JChannel(stack(s, b, log, key)).name(b.raftId());
      try {
        RaftGroup g = new RaftGroup(s, b, machine, ch);
        ch.connect(b.groupName());
        return g;
      } catch (Exception | Error e) {
        ch.close();
        throw e;
      }
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /**
   * Removes the discovery entries an earlier run of this member left when it died without leaving
   * (FILE_PING names them {@code <uuid>.<name>.list}). The data dir lock guarantees that no other
   * runtime has this name, so they are stale; left there, a restart would first try to join its own
   * ghost. Entries of other members that died are handled by the join attempts' limit and by the
   * coordinator, which rewrites the folder on every view change.
   */
  private static void forgetStaleEntries(Path folder, String raftId) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var files = Files.list(folder)) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().endsWith("." + raftId + ".list")).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  private static Protocol[] stack(
      ClusterSettings s, Bootstrap b, MapDbLog log, javax.crypto.SecretKey key) throws Exception {
    InetAddress bind = InetAddress.getByName(s.bind());
    TCP tcp = new TCP();
    tcp.setBindAddress(bind);
    tcp.setBindPort(s.port());
    tcp.setPortRange(0);
    tcp.setMaxLength(MAX_FRAME);
    tcp.tcpNodelay(true); // small Raft messages: Nagle plus delayed ACKs would add ~40 ms per hop
    // one send queue and thread per destination: RAFT keeps resending to a member cut off by the
    // network, and each send to it waits for a TCP connect that never completes; with the one
    // shared sender thread those waits delayed the messages to every other member, so the
    // majority's commits timed out (a minority partition stalled the majority)
    tcp.setBundlerType("per-destination");
    Protocol discovery;
    if (s.embeddedDiscovery()) {
      // each member writes its address into the folder; the coordinator clears entries of members
      // that died without removing theirs (kill -9), and the living ones write theirs again
      discovery =
          new FILE_PING()
              .setLocation(s.discoveryDir().toString())
              .registerShutdownHook(false)
              .removeAllDataOnViewChange(true)
              .writeDataOnFind(true);
    } else {
      List<InetSocketAddress> hosts = new ArrayList<>();
      for (String p : s.peers()) {
        int colon = p.lastIndexOf(':');
        hosts.add(
            new InetSocketAddress(p.substring(0, colon), Integer.parseInt(p.substring(colon + 1))));
      }
      discovery = new TCPPING().setInitialHosts(hosts).setPortRange(0);
    }
    // send_commits_immediately stays off: with a member that lags (a joiner catching up) the leader
    // and that member exchange commit messages without end, and RAFT's resend timer, which only
    // runs
    // when its queue is idle, never fires. Followers learn commits from the next AppendEntries,
    // from the read-only query catchUp() sends (the leader broadcasts its commit index with it), or
    // from the resend timer.
    RAFT raft =
        new RAFT()
            .raftId(b.raftId())
            .members(b.initialMembers())
            .resendInterval(100)
            .logUseFsync(true);
    raft.log(log);
    StepDown.watch(raft);
    // everything above discovery is serialized whole (headers, joins, votes) and encrypted with the
    // cluster's key: a message that does not decrypt is dropped, so without the key nobody joins,
    // votes or appends (see ClusterKey)
    List<Protocol> below = new ArrayList<>(List.of(tcp, discovery));
    if (key != null) { // null only in the measurement of what encryption costs (tests)
      below.add(
          new SYM_ENCRYPT()
              .setSecretKey(key)
              .symAlgorithm(ClusterKey.ALGORITHM)
              .symIvLength(ClusterKey.IV_LENGTH));
      below.add(new SERIALIZE());
    }
    Protocol[] above = {
      new MERGE3().setMinInterval(2000).setMaxInterval(5000),
      new FD_SOCK2().setBindAddress(bind).setOffset(100),
      new FD_ALL3().setTimeout(10_000).setInterval(2000),
      new VERIFY_SUSPECT2(),
      new NAKACK2().useMcastXmit(false),
      new UNICAST3(),
      new STABLE(),
      new NO_DUPES(),
      // a JOIN answered late (a loaded machine) is sent again, and the coordinator then refuses the
      // second as a duplicate member: wait long enough that the first answer usually arrives
      new GMS().printLocalAddress(false).setJoinTimeout(3000).setMaxJoinAttempts(3),
      new UFC(),
      new MFC(),
      new FRAG4(),
      new ELECTION(),
      raft,
      new REDIRECT(),
    };
    below.addAll(List.of(above));
    return below.toArray(new Protocol[0]);
  }

  /**
   * Makes this member a voting member (embedded mode, after the founder): asks the leader to add it
   * until the addition has been applied here.
   *
   * @param timeout how long it may take in all
   * @param leaderWait how long to wait for a leader to appear: none by then means no majority of
   *     the members runs, and waiting longer would not help
   * @param describe names members for messages (their sockets where known)
   * @param abandon says when to give up at once (the group being joined was replaced)
   * @throws VineyardException.ConnectionError when that does not happen before the deadline
   */
  void joinGroup(
      Duration timeout,
      Duration leaderWait,
      Function<Collection<String>, String> describe,
      java.util.function.BooleanSupplier abandon)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    boolean leaderSeen = false;
    long asked = start - ASK_AGAIN - 1;
    while (!isMember()) {
      if (abandon.getAsBoolean()) {
        throw new VineyardException.ConnectionError(
            "the cluster generation "
                + bootstrap.groupName()
                + " was replaced while this runtime joined it");
      }
      long now = System.nanoTime();
      long left = deadline - now;
      leaderSeen |= raft.leader() != null;
      if (!leaderSeen && now - start > leaderWait.toNanos()) {
        throw new VineyardException.ConnectionError(
            "cannot join cluster '"
                + settings.cluster()
                + "': it has no leader"
                + " (none within "
                + Timeouts.text(leaderWait)
                + "; reachable: "
                + describe.apply(connected())
                + "), so a majority"
                + " of its members is not running. Start its stopped members again"
                + ", or pass --cluster NAME to start a new cluster");
      }
      if (left <= 0) {
        throw new VineyardException.ConnectionError(
            "Raft member "
                + bootstrap.raftId()
                + " was not added to cluster '"
                + settings.cluster()
                + "' within "
                + Timeouts.text(timeout)
                + " (members "
                + describe.apply(raft.members())
                + ", "
                + reachableText()
                + "): is a majority of them running?");
      }
      // once the leader has committed the addition, this replica only has to catch up: asking
      // again would append an entry each time and keep the leader too busy to resend the log
      if (raft.leader() != null && now - asked > ASK_AGAIN) {
        asked = now;
        try {
          redirect
              .addServer(bootstrap.raftId())
              .get(Math.min(left, ASK_AGAIN), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
          asked = 0; // no leader yet, leader changed, or slow: ask again
        }
      }
      Deadline.in(Duration.ofMillis(50)).poll(Duration.ofMillis(10), this::isMember);
    }
  }

  /**
   * How long a joiner or leaver waits for its request to show in its replica before asking again.
   */
  private static final long ASK_AGAIN = TimeUnit.SECONDS.toNanos(2);

  /** Whether this member is in the Raft membership, as this replica has applied it. */
  boolean isMember() {
    return raft.members().contains(bootstrap.raftId());
  }

  /**
   * Asks the leader to remove this member and waits until this replica has applied the removal.
   *
   * @throws VineyardException.ConnectionError when that does not happen in time (the removal may
   *     still commit later)
   */
  void leaveGroup(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long asked = System.nanoTime() - ASK_AGAIN - 1;
    while (isMember()) {
      long now = System.nanoTime();
      long left = deadline - now;
      if (left <= 0) {
        throw new VineyardException.ConnectionError(
            "the removal of Raft member "
                + bootstrap.raftId()
                + " from cluster '"
                + settings.cluster()
                + "' was not committed within "
                + Timeouts.text(timeout)
                + " ("
                + reachableText()
                + ")");
      }
      if (raft.leader() != null && now - asked > ASK_AGAIN) {
        asked = now;
        try {
          redirect.removeServer(bootstrap.raftId()).get(left, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
          asked = 0; // no leader at the moment, leader changed, or slow: ask again
        }
      }
      Deadline.in(Duration.ofMillis(20)).poll(Duration.ofMillis(5), () -> !isMember());
    }
  }

  /**
   * Commits a command and waits until this replica has applied it.
   *
   * @param what names the change for the error message, e.g. {@code persist of o…}
   * @throws VineyardException.ConnectionError when no majority commits it within the commit timeout
   */
  Outcome commit(MetadataCommand command, String what) {
    return commit(command, what, settings.commitTimeout());
  }

  /**
   * {@link #commit(MetadataCommand, String)} with a timeout of its own.
   *
   * <p>A command whose leader dies or steps down before answering is sent again to the next leader
   * as soon as one is known (commands are idempotent: the same trees, names, labels), so a change
   * in flight during an election costs the election plus one commit, not the timeout.
   */
  Outcome commit(MetadataCommand command, String what, Duration timeout) {
    byte[] buf = command.encode();
    long deadline = System.nanoTime() + timeout.toNanos();
    Address sentTo = null;
    try {
      while (true) {
        if (closed) {
          throw new VineyardException.ConnectionError(
              what
                  + " was not committed: this runtime left cluster generation "
                  + bootstrap.groupName());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw notCommitted(what, timeout, sentTo);
        }
        Address leader = raft.leader();
        if (leader == null) {
          machine.awaitVersion(
              Long.MAX_VALUE, Math.min(left, POLL)); // wakes early when something is applied
          continue;
        }
        CompletableFuture<byte[]> f;
        try {
          f = handle.setAsync(buf, 0, buf.length);
          sentTo = leader;
        } catch (RaftLeaderException | IllegalStateException e) {
          awaitLeaderOtherThan(leader); // the leader is changing: nothing was appended
          continue;
        }
        byte[] reply = await(f, deadline, leader);
        if (reply == null) {
          continue; // the leader changed or went away before answering: send again
        }
        Outcome outcome = Outcome.decode(reply);
        if (!machine.awaitVersion(outcome.version(), 0)) { // committed, not applied here yet
          // the query makes the leader send its commit index now; if it fails (a loaded machine,
          // a leader change), the entry still arrives with the next append or resend: wait for it,
          // so that a read here right after sees this change
          catchUp(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
          machine.awaitVersion(outcome.version(), Math.max(0, deadline - System.nanoTime()));
        }
        return outcome;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VineyardException.ConnectionError(what + " was interrupted", e);
    } catch (VineyardException v) {
      throw v;
    } catch (Exception e) {
      throw new VineyardException.ConnectionError(what + " failed: " + e, e);
    }
  }

  private static final long POLL = TimeUnit.MILLISECONDS.toNanos(20);

  /** Waits (at most a poll interval) until a leader other than {@code refused} is known. */
  private void awaitLeaderOtherThan(Address refused) {
    Deadline.in(Duration.ofNanos(POLL))
        .poll(Duration.ofMillis(1), () -> raft.leader() != null && !raft.leader().equals(refused));
  }

  /**
   * The reply of {@code f}, or null when the leader it went to is no longer the leader (or this
   * group closed) before it came, so the caller sends it again.
   */
  private byte[] await(CompletableFuture<byte[]> f, long deadline, Address leader)
      throws Exception {
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        return f.get(Math.min(left, POLL), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (closed || !leader.equals(raft.leader())) {
          f.cancel(false);
          return null;
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RaftLeaderException
            || e.getCause() instanceof IllegalStateException) {
          awaitLeaderOtherThan(leader); // refused by a member that is not (or no longer) the leader
          return null;
        }
        throw new VineyardException.ConnectionError(
            "failed in the Raft group: " + e.getCause(), e.getCause());
      }
    }
  }

  /**
   * Why a change did not commit in time: "no quorum" only when fewer than a majority of the members
   * are reachable; otherwise what it waited for.
   */
  private VineyardException notCommitted(String what, Duration timeout, Address sentTo) {
    int members = raft.members().size();
    int reachable = reachableMembers().size();
    String prefix = what + " not committed within " + Timeouts.text(timeout);
    if (reachable * 2 <= members) {
      return new VineyardException.ConnectionError(
          "no quorum: " + prefix + " (cluster has " + reachableText() + ")");
    }
    Address leader = raft.leader();
    String waited =
        leader == null
            ? "no leader was elected"
            : sentTo == null
                ? "the leader " + leader + " did not take it"
                : "the leader " + leader + " did not acknowledge the commit";
    return new VineyardException.ConnectionError(
        prefix + ": " + waited + " (" + reachableText() + ")");
  }

  private String reachableText() {
    return reachableMembers().size() + " of " + raft.members().size() + " members reachable";
  }

  /**
   * Waits until this replica has applied everything the leader had applied when asked; gives up
   * (and the caller reads what it has) when no leader is known or it does not answer in time.
   *
   * @return whether the replica is known to be current
   */
  boolean catchUp(Duration timeout) {
    if (raft.isLeader() && raft.members().size() == 1) {
      // the one member commits alone and applies before a write is acknowledged: its replica has
      // every completed write, and no other leader can exist (the usual case of one runtime)
      return true;
    }
    byte[] query = new MetadataCommand.Version().encode();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!closed && System.nanoTime() < deadline) {
        Address leader = raft.leader();
        if (leader == null) { // just started, or an election: one may show up in time
          machine.awaitVersion(Long.MAX_VALUE, Math.min(POLL, deadline - System.nanoTime()));
          continue;
        }
        byte[] reply = await(handle.getAsync(query, 0, query.length), deadline, leader);
        if (reply != null) { // else the leader changed before answering: ask the next one
          return machine.awaitVersion(
              Outcome.decode(reply).version(), Math.max(0, deadline - System.nanoTime()));
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** The Raft names of the members in the current JGroups view (this one included). */
  Set<String> reachableMembers() {
    Set<String> out = new HashSet<>();
    View v = channel.view();
    if (v != null) {
      for (Address a : v.getMembersRaw()) {
        try {
          String id = Utils.extractRaftId(a);
          if (raft.members().contains(id)) {
            out.add(id);
          }
        } catch (IllegalStateException e) {
          // not a Raft member's address
        }
      }
    }
    return out;
  }

  /** The Raft names of everyone in the current JGroups view, members or not yet. */
  Set<String> connected() {
    Set<String> out = new HashSet<>();
    View v = channel.view();
    if (v != null) {
      for (Address a : v.getMembersRaw()) {
        out.add(Utils.extractRaftId(a));
      }
    }
    return out;
  }

  String raftId() {
    return bootstrap.raftId();
  }

  /** The address and port the transport listens on. */
  java.net.InetSocketAddress transportAddress() {
    org.jgroups.stack.IpAddress a =
        (org.jgroups.stack.IpAddress)
            channel.getProtocolStack().getTransport().localPhysicalAddress();
    return new java.net.InetSocketAddress(a.getIpAddress(), a.getPort());
  }

  Bootstrap bootstrap() {
    return bootstrap;
  }

  MetadataStateMachine machine() {
    return machine;
  }

  boolean isLeader() {
    return raft.isLeader();
  }

  /**
   * Removes another member (as leader, embedded mode: its runtime died) and waits for the commit.
   *
   * @return whether it was removed in time
   */
  boolean removeMember(String raftId, Duration timeout) {
    try {
      raft.removeServer(raftId).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  RAFT raft() {
    return raft;
  }

  boolean hasLeader() {
    return raft.leader() != null;
  }

  private volatile boolean closed;

  @Override
  public void close() {
    closed = true;
    channel.close(); // stops RAFT, which closes the log
  }
}
