package io.vineyard.meta.raft;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Who this member is and which Raft group it belongs to, decided before the channel connects.
 *
 * <p><b>Peers</b> ({@code --peers}): a fixed group. Each member is named {@code host:port} and the
 * members are the list (plus this one). Nothing is decided at run time, and membership is the
 * user's: nobody is ever added or removed.
 *
 * <p><b>Embedded</b> (no peers, one machine): the group grows and shrinks. The first runtime of a
 * cluster name (the one that creates {@code <discovery>/<cluster>.bootstrap}, under the cluster
 * lock of {@link Discovery}) founds it alone: it is the group's only initial member and elects
 * itself. Every later runtime reads that file, starts with the same initial member list (so
 * replaying the log gives every replica the same membership) and asks the leader to add it
 * ({@code addServer}) once it has caught up. A member that stops cleanly while others run leaves
 * the group ({@code removeServer}, see {@link RaftInstance#close}); the last one stays a member and
 * keeps the data. Each data dir keeps its member name (a random {@code vy-…}), the group it
 * belongs to and whether it left, in {@code cluster.properties}, so restarts rejoin the same group
 * even if the discovery folder was wiped. The group's random epoch is part of the JGroups cluster
 * name: a data dir from an older group never mixes with a group founded after the folder was
 * wiped.
 *
 * <p><b>A cluster none of whose members runs.</b> A runtime that has to be added (a new data dir,
 * or one that left) needs a running member to add it. If the folder names a cluster and no member
 * of it is running (no member file is locked, see {@link Discovery}), the start fails at once,
 * naming the stopped members' sockets: start one of them again (it is a member on its own data
 * dir and gets going, alone if it was the last one), or pass another {@code --cluster} to found a
 * new cluster. It does not found a second cluster of the same name by itself: the stopped members
 * hold the cluster's persisted metadata, and a second generation would split it the moment they
 * come back (a reboot that starts the runtimes in another order would do that). Likewise a data
 * dir of one generation never joins another: if the folder names a different epoch (it was wiped
 * and someone founded anew), the start is refused with a message, never merged.
 *
 * <p>A member that dies (kill -9) or cannot leave (no majority) stays a member: it counts in the
 * majority until it runs again, and rejoins on its data dir as any restart.
 *
 * @param raftId this member's Raft name
 * @param groupName the JGroups cluster name
 * @param initialMembers the Raft members before any {@code addServer} in the log
 * @param mustJoin whether this member starts outside the membership as far as its data dir says (a
 *     newcomer, or a member that left); the replayed log has the last word
 */
record Bootstrap(String raftId, String groupName, List<String> initialMembers, boolean mustJoin) {
  private static final Logger LOG = Logger.getLogger(Bootstrap.class.getName());
  static final String RAFT_ID = "raft.id";
  static final String EPOCH = "epoch";
  static final String INITIAL = "initial.members";
  static final String LEFT = "left";

  /**
   * Decides, recording what it decided in the data dir (and, for a founder, the discovery folder);
   * in embedded mode this member's file in the discovery folder is locked from now on, until
   * {@code discovery} is closed.
   *
   * @param discovery the discovery folder; null with peers
   * @throws IllegalStateException when this runtime cannot start in the cluster the folder names
   */
  static Bootstrap decide(ClusterSettings s, DataDir dir, Discovery discovery) throws IOException, InterruptedException {
    Properties mine = dir.cluster();
    if (!s.embeddedDiscovery()) {
      String self = s.self();
      String stored = mine.getProperty(RAFT_ID);
      if (stored != null && !stored.equals(self)) {
        throw new IllegalStateException("data dir " + dir.path() + " belongs to Raft member " + stored
            + ", but this runtime is " + self + " (--bind): use that address or another --data-dir");
      }
      if (stored == null) {
        mine.setProperty(RAFT_ID, self);
        dir.writeCluster(mine);
      }
      LinkedHashSet<String> members = new LinkedHashSet<>(s.peers());
      members.add(self);
      return new Bootstrap(self, s.cluster(), List.copyOf(members), false);
    }
    String raftId = mine.getProperty(RAFT_ID);
    if (raftId == null) {
      raftId = "vy-" + randomHex(6);
    }
    String id = raftId;
    try {
      discovery.locked(null, () -> {
        decideEmbedded(s, dir, mine, id, discovery);
        return null;
      });
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e); // no timeout given: cannot happen
    }
    List<String> initial = new ArrayList<>(ClusterSettings.parseNames(mine.getProperty(INITIAL)));
    boolean outside = !initial.contains(raftId) || Boolean.parseBoolean(mine.getProperty(LEFT));
    return new Bootstrap(raftId, s.cluster() + "-" + mine.getProperty(EPOCH), List.copyOf(initial), outside);
  }

  private static void decideEmbedded(ClusterSettings s, DataDir dir, Properties mine, String raftId, Discovery discovery)
      throws IOException, InterruptedException {
    Properties group = discovery.readBootstrap();
    String named = group.getProperty(EPOCH);
    String ours = mine.getProperty(EPOCH);
    if (ours == null) { // first start of this data dir: found or join
      if (named == null) {
        named = randomHex(4);
        group.setProperty(EPOCH, named);
        group.setProperty(INITIAL, raftId);
        discovery.writeBootstrap(group);
        LOG.info("founded cluster '" + s.cluster() + "' (epoch " + named + ") in " + discovery.folder()
            + ": this runtime is its first member; runtimes started later with the same discovery folder join it");
      } else {
        requireRunningMember(s, discovery, named, null);
      }
      mine.setProperty(EPOCH, named);
      mine.setProperty(INITIAL, group.getProperty(INITIAL));
      mine.setProperty(RAFT_ID, raftId);
      dir.writeCluster(mine);
    } else if (named == null) { // the folder was wiped: tell later runtimes about our group
      group.setProperty(EPOCH, ours);
      group.setProperty(INITIAL, mine.getProperty(INITIAL));
      discovery.writeBootstrap(group);
    } else if (!named.equals(ours)) {
      List<Discovery.Member> others = discovery.members(named);
      List<String> running = others.stream().filter(Discovery.Member::running).map(Discovery.Member::label).toList();
      throw new IllegalStateException("data dir " + dir.path() + " holds the metadata of cluster '" + s.cluster()
          + "' as it was before " + discovery.bootstrapFile() + " named another cluster of that name (epoch " + named
          + (running.isEmpty() ? ", no member running" : ", running: " + String.join(", ", running))
          + "; this data dir's epoch is " + ours + "). The two are not merged: to serve this data dir's metadata, start"
          + " it with another --cluster NAME; to join the other cluster, start it with a new --data-dir");
    } else if (Boolean.parseBoolean(mine.getProperty(LEFT))) {
      requireRunningMember(s, discovery, named, "this runtime left cluster '" + s.cluster() + "' when it last stopped,"
          + " and only a running member can add it again");
    }
    discovery.register(raftId, mine.getProperty(EPOCH), s.socket(), s.dataDir());
  }

  /** Fails at once, saying what to do, when no member of generation {@code epoch} runs. */
  private static void requireRunningMember(ClusterSettings s, Discovery discovery, String epoch, String why)
      throws IOException {
    List<Discovery.Member> members = discovery.members(epoch);
    if (members.stream().anyMatch(Discovery.Member::running)) {
      return;
    }
    List<String> stopped = members.stream().map(Discovery.Member::label).toList();
    String start = stopped.isEmpty()
        ? "start one of its runtimes again"
        : "start " + (stopped.size() == 1 ? "it" : "one of them") + " again (vineyardd --socket " + stopped.get(0)
            + (stopped.size() == 1 ? "" : ", say") + ")";
    throw new IllegalStateException((why == null ? "" : why + ": ") + "cluster '" + s.cluster() + "' (named in "
        + discovery.bootstrapFile() + ") has no running member"
        + (stopped.isEmpty() ? " (none is recorded there)" : ": " + String.join(", ", stopped)
            + (stopped.size() == 1 ? " is" : " are") + " stopped")
        + ". To join it, " + start + "; or pass --cluster NAME to start a new cluster");
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
