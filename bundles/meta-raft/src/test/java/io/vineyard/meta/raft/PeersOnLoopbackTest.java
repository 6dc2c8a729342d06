package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.IdGenerator;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed two-member cluster (--peers, TCPPING discovery) on loopback: both are needed for a
 * persist.
 */
class PeersOnLoopbackTest {
  @TempDir Path tmp;
  private RaftMetadataService a;
  private RaftMetadataService b;

  @AfterEach
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  @Test
  @Timeout(60)
  void aStartThatFailsLeavesTheDataDirFree() throws Exception {
    int port = freePort();
    ClusterSettings s = settings(port, List.of("127.0.0.1:" + port), "busy");
    try (ServerSocket taken =
        new ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThrows(Exception.class, () -> RaftMetadataService.start(s));
    }
    a = RaftMetadataService.start(s); // the port is free again, and so is the data dir
    assertEquals(0, a.instanceId());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private ClusterSettings settings(int port, List<String> peers, String name) throws Exception {
    Path key = tmp.resolve("cluster.key");
    ClusterKey.load(key, true); // one file for every member, as --cluster-key gives it on each host
    return new ClusterSettings(
        "peers-test",
        "127.0.0.1",
        port,
        peers,
        null,
        tmp.resolve(name),
        "/run/" + name + ".sock",
        Duration.ofSeconds(2),
        key);
  }

  @Test
  @Timeout(120)
  void aTwoMemberClusterNeedsBothForAPersistAndSaysSo() throws Exception {
    int pa = freePort();
    int pb = freePort();
    List<String> peers = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
    // registration needs a majority (both): start them together
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<RaftMetadataService> fa =
          pool.submit(() -> RaftMetadataService.start(settings(pa, peers, "a")));
      Future<RaftMetadataService> fb =
          pool.submit(() -> RaftMetadataService.start(settings(pb, peers, "b")));
      a = fa.get(60, TimeUnit.SECONDS);
      b = fb.get(60, TimeUnit.SECONDS);
    }
    assertEquals(Set.of(0L, 1L), new TreeSet<>(List.of(a.instanceId(), b.instanceId())));
    assertEquals(new TreeSet<>(peers), new TreeSet<>((List<?>) a.status().get("members")));

    ObjectId id = new IdGenerator(a.instanceId()).nextObjectId();
    ObjectMeta t =
        ObjectMeta.builder("vineyard::Scalar<int>").id(id).instanceId(a.instanceId()).build();
    a.put(t);
    a.persist(id);
    assertTrue(b.isPersisted(id));

    b.close();
    b = null;
    long until = System.nanoTime() + 20_000_000_000L; // its leave reaches a's view
    while (((List<?>) a.status().get("reachable_members")).size() > 1
        && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    ObjectId other = new IdGenerator(a.instanceId()).nextObjectId();
    a.put(t.toBuilder().id(other).build());
    VineyardException.ConnectionError e =
        assertThrows(VineyardException.ConnectionError.class, () -> a.persist(other));
    assertEquals(
        "no quorum: persist of "
            + other
            + " not committed within 2 s (cluster has 1 of 2 members reachable)",
        e.getMessage());
    assertFalse(a.isPersisted(other));

    // a restart without a majority: the ID comes from the data dir, the replica from the log
    long id0 = a.instanceId();
    a.close();
    long t0 = System.nanoTime();
    a = RaftMetadataService.start(settings(pa, peers, "a"));
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "does not wait for a majority");
    assertEquals(id0, a.instanceId());
    assertTrue(a.isPersisted(id), "replayed from its own log");
  }
}
