package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.IdGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The membership of an embedded cluster (discovery through a folder) over stops, kills and
 * newcomers: a clean stop leaves (the others keep a majority), the last member stays, a kill does
 * not leave, and a newcomer facing a cluster none of whose members runs fails at once.
 */
class EmbeddedMembershipTest {
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  private final Map<String, RaftMetadataService> running = new ConcurrentHashMap<>();

  private ClusterSettings settings(String name) {
    return ClusterSettings.embedded("m", tmp.resolve("discovery"), tmp.resolve(name), "/run/" + name + ".sock", COMMIT_TIMEOUT);
  }

  private RaftMetadataService start(String name) throws Exception {
    RaftMetadataService s = RaftMetadataService.start(settings(name));
    running.put(name, s);
    return s;
  }

  private void stop(String name) {
    running.remove(name).close();
  }

  private void kill(String name) {
    running.remove(name).kill();
  }

  @AfterEach
  void stopAll() {
    running.values().forEach(RaftMetadataService::kill);
  }

  /** Puts and persists a scalar on {@code on}. */
  private static ObjectId persistOne(RaftMetadataService on) {
    ObjectId id = new IdGenerator(on.instanceId()).nextObjectId();
    ObjectNode t = JSON.createObjectNode();
    t.put("id", id.toString());
    t.put("typename", "vineyard::Scalar<int>");
    t.put("instance_id", on.instanceId());
    t.put("transient", true);
    on.put(t);
    on.persist(id);
    return id;
  }

  private static int members(RaftMetadataService s) {
    return ((List<?>) s.status().get("members")).size();
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  @Timeout(60)
  void aCleanStopLeavesTheLastMemberStaysAndANewcomerFailsAtOnceWhenNoneRuns() throws Exception {
    RaftMetadataService a = start("a");
    RaftMetadataService b = start("b");
    assertEquals("Leader", a.status().get("role"));
    assertEquals("distributed", b.status().get("deployment"));
    ObjectId first = persistOne(b);

    // the leader stops cleanly: it leaves, and b goes on alone
    stop("a");
    assertEquals(1, members(b), b.status().toString());
    assertNull(b.status().get("deployment"), "one member: the server's 'local' stands");
    ObjectId alone = persistOne(b);
    assertTrue(b.isPersisted(alone));

    // a comes back on its data dir: added again, same ID, caught up
    a = start("a");
    assertEquals(0, a.instanceId());
    assertEquals(2, members(a));
    assertTrue(a.isPersisted(alone));

    // b (now the leader) stops: a goes on alone; then a stops too, as the last member: it stays one
    stop("b");
    assertEquals(1, members(a), a.status().toString());
    ObjectId last = persistOne(a);
    stop("a");

    // a newcomer: the folder names a cluster none of whose members runs; it fails at once
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> start("c"));
    assertTrue(millisSince(t0) < 1000, millisSince(t0) + " ms");
    assertEquals("cluster 'm' (named in " + tmp.resolve("discovery").resolve("m.bootstrap") + ") has no running member:"
        + " /run/a.sock is stopped. To join it, start it again (vineyardd --socket /run/a.sock); or pass --cluster NAME"
        + " to start a new cluster", e.getMessage());
    assertFalse(Files.exists(tmp.resolve("c").resolve("raft-log.db")), "the newcomer kept nothing");

    // b left when it stopped, so it needs a running member as well
    IllegalStateException left = assertThrows(IllegalStateException.class, () -> start("b"));
    assertTrue(left.getMessage().startsWith("this runtime left cluster 'm' when it last stopped, and only a running member"
        + " can add it again: cluster 'm'"), left.getMessage());

    // the last member starts alone at once, with everything; then the others join it
    t0 = System.nanoTime();
    a = start("a");
    assertTrue(millisSince(t0) < 5000, millisSince(t0) + " ms");
    assertTrue(a.isPersisted(first) && a.isPersisted(last));
    persistOne(a);
    RaftMetadataService c = start("c");
    assertEquals(2, c.instanceId());
    assertTrue(c.isPersisted(last));
    b = start("b");
    assertEquals(1, b.instanceId());
    assertEquals(3, members(b));
  }

  @Test
  @Timeout(60)
  void aKilledMemberStillCountsAndRejoinsOnRestart() throws Exception {
    RaftMetadataService a = start("a");
    start("b");
    kill("b");
    assertEquals(2, members(a), "no removal");
    VineyardException.ConnectionError noQuorum = assertThrows(VineyardException.ConnectionError.class, () -> persistOne(a));
    assertTrue(noQuorum.getMessage().endsWith("(cluster has 1 of 2 members reachable)"), noQuorum.getMessage());

    // a newcomer finds a running member, but no leader: it fails within min(commit timeout, 5 s), saying why
    long t0 = System.nanoTime();
    VineyardException.ConnectionError noLeader = assertThrows(VineyardException.ConnectionError.class, () -> start("c"));
    assertTrue(millisSince(t0) < 5000, millisSince(t0) + " ms");
    assertTrue(noLeader.getMessage().startsWith("cannot join cluster 'm': it has no leader (none within 2 s; reachable: "),
        noLeader.getMessage());
    assertTrue(noLeader.getMessage().endsWith("so a majority of its members is not running. Start its stopped members again"
        + " (/run/b.sock), or pass --cluster NAME to start a new cluster"), noLeader.getMessage());

    RaftMetadataService b = start("b");
    assertEquals(1, b.instanceId());
    ObjectId id = persistOne(a);
    assertTrue(b.isPersisted(id));
    RaftMetadataService c = start("c");
    assertEquals(2, c.instanceId(), "the failed newcomer left no trace (its ID was not taken)");
    assertEquals(3, members(c));
  }

  @Test
  @Timeout(60)
  void twoMembersStoppingAtOnceLeaveOneMember() throws Exception {
    start("a");
    start("b");
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> fa = pool.submit(() -> stop("a"));
      Future<?> fb = pool.submit(() -> stop("b"));
      fa.get();
      fb.get();
    }
    List<Path> memberFiles;
    try (var files = Files.list(tmp.resolve("discovery").resolve("m.members"))) {
      memberFiles = files.toList();
    }
    assertEquals(1, memberFiles.size(), memberFiles.toString());
    String last = memberFiles.get(0).getFileName().toString().startsWith(
        DataDirs.raftId(tmp.resolve("a"))) ? "a" : "b";
    RaftMetadataService s = start(last);
    assertEquals(1, members(s), s.status().toString());
    persistOne(s);
  }

  /** Reads data dirs as a test. */
  static final class DataDirs {
    static String raftId(Path dir) throws Exception {
      try (DataDir d = DataDir.lock(dir)) {
        return d.cluster().getProperty(Bootstrap.RAFT_ID);
      }
    }
  }
}
