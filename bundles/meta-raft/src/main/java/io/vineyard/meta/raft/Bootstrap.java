package io.vineyard.meta.raft;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;

/**
 * Who this member is and which Raft group it belongs to, decided before the channel connects.
 *
 * <p><b>Peers</b> ({@code --peers}): a fixed group. Each member is named {@code host:port} and the
 * members are the list (plus this one). Nothing is decided at run time, and membership is the
 * user's: nobody is ever added or removed. The data dir remembers the name it was first started
 * under (once that start succeeded) and refuses another.
 *
 * <p><b>Embedded</b> (no peers, one machine): see {@link Generation}; every start and every move to
 * a new generation is a new Raft member with a random name.
 *
 * @param raftId this member's Raft name
 * @param groupName the JGroups cluster name
 * @param initialMembers the Raft members before any {@code addServer} in the log
 * @param mustJoin whether this member starts outside the membership and must be added by the leader
 */
record Bootstrap(String raftId, String groupName, List<String> initialMembers, boolean mustJoin) {
  static final String RAFT_ID = "raft.id";
  static final String EPOCH = "epoch";
  static final String INITIAL = "initial.members";

  /**
   * The fixed group of {@code --peers}.
   *
   * @throws IllegalStateException when the data dir belongs to another member
   */
  static Bootstrap peers(ClusterSettings s, DataDir dir) throws IOException {
    String self = s.self();
    String stored = dir.cluster().getProperty(RAFT_ID);
    if (stored != null && !stored.equals(self)) {
      throw new IllegalStateException(
          "data dir "
              + dir.path()
              + " belongs to Raft member "
              + stored
              + ", but this runtime is "
              + self
              + " (--bind): use that address or another --data-dir");
    }
    LinkedHashSet<String> members = new LinkedHashSet<>(s.peers());
    members.add(self);
    return new Bootstrap(self, s.cluster(), List.copyOf(members), false);
  }

  /** Records, after a successful start, which member a peers data dir belongs to. */
  static void remember(DataDir dir, String raftId) throws IOException {
    Properties mine = dir.cluster();
    if (!raftId.equals(mine.getProperty(RAFT_ID))) {
      mine.setProperty(RAFT_ID, raftId);
      dir.writeCluster(mine);
    }
  }

  static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
