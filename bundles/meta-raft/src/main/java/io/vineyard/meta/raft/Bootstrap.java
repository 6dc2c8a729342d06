package io.vineyard.meta.raft;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;

/**
 * Who this member is and which Raft group it belongs to, decided before the channel connects.
 *
 * <p><b>Peers</b> ({@code --peers}): a fixed group. Each member is named {@code host:port} and the
 * members are the list (plus this one). Nothing is decided at run time.
 *
 * <p><b>Embedded</b> (no peers, one machine): the group grows. The first runtime of a cluster name
 * (the one that creates {@code <discovery>/<cluster>.bootstrap}, under a file lock on
 * {@code <discovery>/<cluster>.lock}) founds it alone: it is the group's only initial member and
 * elects itself. Every later runtime reads that file, starts with the same initial member list (so
 * replaying the log gives every replica the same membership) and asks the leader to add it
 * ({@code addServer}) once it has caught up. Each data dir keeps its member name (a random
 * {@code vy-…}) and the group it joined in {@code cluster.properties}, so restarts rejoin the same
 * group even if the discovery folder was wiped. The group's random epoch is part of the JGroups
 * cluster name: a data dir from an older group never mixes with a group founded after the folder
 * was wiped. Members are never removed automatically: a runtime gone for good still counts in the
 * majority until it is removed.
 *
 * @param raftId this member's Raft name
 * @param groupName the JGroups cluster name
 * @param initialMembers the Raft members before any {@code addServer} in the log
 * @param mustJoin whether this member has to be added to the group (embedded, not a founder)
 */
record Bootstrap(String raftId, String groupName, List<String> initialMembers, boolean mustJoin) {
  private static final String RAFT_ID = "raft.id";
  private static final String EPOCH = "epoch";
  private static final String INITIAL = "initial.members";

  /** Decides, recording what it decided in the data dir (and, for a founder, the discovery folder). */
  static Bootstrap decide(ClusterSettings s, DataDir dir) throws IOException {
    Properties mine = dir.cluster();
    if (!s.embeddedDiscovery()) {
      String self = s.self();
      String stored = mine.getProperty(RAFT_ID);
      if (stored != null && !stored.equals(self)) {
        throw new IllegalStateException("data dir " + dir.path() + " belongs to Raft member " + stored
            + ", but this runtime is " + self + " (--bind/--port): use that address or another data dir");
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
    Files.createDirectories(s.discoveryDir());
    Path shared = s.discoveryDir().resolve(s.cluster() + ".bootstrap");
    synchronized (Bootstrap.class) { // the file lock excludes other processes; this monitor, other runtimes in this JVM
      decideEmbedded(s, dir, mine, raftId, shared);
    }
    List<String> initial = new ArrayList<>(ClusterSettings.parseNames(mine.getProperty(INITIAL)));
    return new Bootstrap(raftId, s.cluster() + "-" + mine.getProperty(EPOCH), List.copyOf(initial), !initial.contains(raftId));
  }

  private static void decideEmbedded(ClusterSettings s, DataDir dir, Properties mine, String raftId, Path shared)
      throws IOException {
    try (FileChannel ch = FileChannel.open(s.discoveryDir().resolve(s.cluster() + ".lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      if (mine.getProperty(EPOCH) == null) { // first start of this data dir: found or join
        Properties group = read(shared);
        if (group.getProperty(EPOCH) == null) {
          group.setProperty(EPOCH, randomHex(4));
          group.setProperty(INITIAL, raftId);
          write(shared, group);
        }
        mine.setProperty(EPOCH, group.getProperty(EPOCH));
        mine.setProperty(INITIAL, group.getProperty(INITIAL));
        mine.setProperty(RAFT_ID, raftId);
        dir.writeCluster(mine);
      } else if (!Files.exists(shared)) { // the folder was wiped: tell later runtimes about our group
        Properties group = new Properties();
        group.setProperty(EPOCH, mine.getProperty(EPOCH));
        group.setProperty(INITIAL, mine.getProperty(INITIAL));
        write(shared, group);
      }
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static Properties read(Path f) throws IOException {
    Properties p = new Properties();
    if (Files.exists(f)) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  private static void write(Path f, Properties p) throws IOException {
    Path next = f.resolveSibling(f.getFileName() + ".next");
    try (Writer w = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      p.store(w, "the founder of this Vineyard cluster; runtimes that start later join it");
    }
    Files.move(next, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
