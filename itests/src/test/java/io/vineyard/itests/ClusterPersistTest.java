package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.array.ArrayObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Global metadata on a cluster of three runtime processes: a persist, a name, a dropped name and a
 * delete made on one instance are seen on the others; the errors of persisting and naming the wrong
 * things; the Raft figures in {@code status()}; and what a persist costs (printed).
 */
class ClusterPersistTest {
  static RuntimeCluster cluster;
  static List<VineyardClient> clients = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = RuntimeCluster.start(3, "64M");
    for (RuntimeProcess rt : cluster.all()) {
      clients.add(Vineyard.connect(rt.socket));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try (RuntimeCluster c = cluster) {
      clients.forEach(VineyardClient::close);
    }
  }

  static VineyardClient client(int i) {
    return clients.get(i);
  }

  /** A persisted one-element array, put on instance {@code on}. */
  static ObjectId persisted(int on, double value) {
    ObjectId id = client(on).put(new double[] {value});
    client(on).persist(id);
    return id;
  }

  @Test
  void aPersistIsSeenOnEveryInstanceAsSoonAsItReturns() {
    for (int i = 0; i < 9; i++) {
      int on = i % 3;
      ObjectId id = persisted(on, i);
      for (int other = 0; other < 3; other++) {
        // no syncRemote, no retry: the read itself must find what a returned persist committed
        ArrayObject a = client(other).getObject(id, ArrayObject.class);
        assertEquals("vineyard::Array<double>", a.typename());
        assertEquals(1, a.size());
        assertEquals(other == on, a.isLocal(), "the payload stays where it was put");
        assertTrue(client(other).isPersisted(id), id + " on instance " + other);
        assertFalse(client(other).getMeta(id).isTransient());
      }
    }
  }

  @Test
  void namesAreClusterWide() throws Exception {
    ObjectId id = persisted(0, 7);
    client(0).putName(id, "persist-test/seven");
    assertEquals(
        id, client(1).getName("persist-test/seven", false), "at once, on another instance");
    assertEquals(id, client(2).getName("persist-test/seven", true));
    ObjectId other = persisted(1, 8);
    client(1).putName(other, "persist-test/eight");
    assertEquals(
        Map.of("persist-test/seven", id, "persist-test/eight", other),
        client(2).listNames("persist-test/*", false, 10));
    assertEquals(1, client(0).listNames("persist-test/.*", true, 1).size(), "the limit holds");

    client(2).dropName("persist-test/seven");
    assertThrows(
        VineyardException.ObjectNotExists.class,
        () -> client(2).getName("persist-test/seven", false));
    for (int i = 0; i < 2; i++) {
      VineyardClient c = client(i);
      // name reads are linearizable: no instance serves the dropped name once the drop returned
      assertThrows(
          VineyardException.ObjectNotExists.class,
          () -> c.getName("persist-test/seven", false),
          "instance " + i + " still knows the dropped name");
      assertEquals(Set.of("persist-test/eight"), c.listNames("persist-test/*", false, 10).keySet());
    }
    client(0).dropName("persist-test/eight");
    client(0).dropName("persist-test/never-was"); // no error, as in vineyardd
  }

  @Test
  void getNameWithWaitReturnsWhenAnotherInstancePutsTheName() throws Exception {
    ObjectId id = persisted(0, 9);
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try (VineyardClient waiting = Vineyard.connect(cluster.get(2).socket)) {
      Future<ObjectId> found = waiter.submit(() -> waiting.getName("persist-test/late", true));
      Thread.sleep(700);
      assertFalse(found.isDone(), "waits while nobody has put the name");
      client(0).putName(id, "persist-test/late");
      assertEquals(id, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> found.get()));
    } finally {
      waiter.shutdownNow();
      client(0).dropName("persist-test/late");
    }
  }

  @Test
  void aDeleteOfAGlobalObjectIsSeenEverywhere() throws Exception {
    ObjectId id = persisted(0, 10);
    assertTrue(client(1).exists(id) && client(2).exists(id));
    client(0).delete(id);
    assertFalse(client(0).exists(id));
    for (int i = 1; i < 3; i++) {
      VineyardClient c = client(i);
      cluster.get(i).await("instance " + i + " still has the deleted " + id, () -> !c.exists(id));
      assertThrows(VineyardException.ObjectNotExists.class, () -> c.getObject(id));
    }
  }

  @Test
  void onlyPersistedObjectsTakeNamesAndABlobAloneIsNotPersisted() {
    ObjectId transientId = client(0).put(new double[] {1});
    VineyardException.Invalid invalid =
        assertThrows(
            VineyardException.Invalid.class,
            () -> client(0).putName(transientId, "persist-test/transient"));
    assertTrue(invalid.getMessage().contains(transientId.toString()), invalid.getMessage());
    assertFalse(client(0).isPersisted(transientId));
    assertThrows(
        VineyardException.ObjectNotExists.class,
        () -> client(1).getName("persist-test/transient", false));

    ObjectId blob = client(1).put(new byte[] {1, 2, 3});
    VineyardException.AssertionFailed failed =
        assertThrows(VineyardException.AssertionFailed.class, () -> client(1).persist(blob));
    assertTrue(failed.getMessage().contains(blob.toString()), failed.getMessage());
  }

  @Test
  void statusShowsEachInstancesRaftRole() {
    Set<Object> leaders = new TreeSet<>();
    int leading = 0;
    for (int i = 0; i < 3; i++) {
      Map<String, Object> m = client(i).status().metadata();
      System.out.println("status of instance " + client(i).instanceId() + ": " + m);
      assertEquals("raft", m.get("metadata"), m.toString());
      assertTrue(Set.of("Leader", "Follower").contains(m.get("role")), m.toString());
      if ("Leader".equals(m.get("role"))) {
        leading++;
        assertEquals(m.get("raft_id"), m.get("leader"), m.toString());
      }
      leaders.add(m.get("leader"));
      assertTrue(
          ((Number) m.get("commit_index")).longValue() >= 3, "three registrations at least: " + m);
      assertTrue(((Number) m.get("term")).longValue() >= 1, m.toString());
      assertTrue(m.get("members").toString().split(",").length == 3, m.toString());
    }
    assertEquals(1, leading, "one leader");
    assertEquals(1, leaders.size(), "every instance names the same leader: " + leaders);
  }

  /**
   * Figures, not assertions: persists of one-element arrays, in turn on each instance, from this
   * JVM.
   */
  @Test
  void persistLatencyIsPrinted() {
    List<Double> all = new ArrayList<>();
    List<Double> onLeader = new ArrayList<>();
    List<Double> onFollowers = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      VineyardClient c = client(i % 3);
      ObjectId id = c.put(new double[] {i});
      long t0 = System.nanoTime();
      c.persist(id);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (i >= 9) { // the first rounds warm up the JIT on every side
        all.add(ms);
        ("Leader".equals(c.status().metadata().get("role")) ? onLeader : onFollowers).add(ms);
      }
    }
    System.out.printf(
        "persist latency (3 instances): median %.1f ms, p90 %.1f ms%n",
        percentile(all, 50), percentile(all, 90));
    System.out.printf(
        "  on the leader: median %.1f ms (%d); on a follower: median %.1f ms (%d)%n",
        percentile(onLeader, 50), onLeader.size(), percentile(onFollowers, 50), onFollowers.size());
  }

  static double percentile(List<Double> samples, int p) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
  }

  @Test
  void readsWithSyncRemoteAndNameReadsSeeWhatAnotherInstanceCommittedAMomentAgo() {
    long[] nanos = new long[10];
    for (int i = 0; i < 10; i++) {
      ObjectId id = persisted(0, 100 + i);
      client(0).putName(id, "persist-test/moving");
      assertEquals(id, client(1).getName("persist-test/moving", false)); // now known there
      client(0).dropName("persist-test/moving");
      long t0 = System.nanoTime();
      assertThrows(
          VineyardException.ObjectNotExists.class,
          () -> client(1).getName("persist-test/moving", false),
          "try " + i + ": the drop committed on instance 0 is seen on instance 1");
      nanos[i] = System.nanoTime() - t0;
      client(1).getMeta(id, true); // cached there now
      client(0).delete(id);
      assertThrows(
          VineyardException.ObjectNotExists.class,
          () -> client(1).getMeta(id, true),
          "try " + i + ": a get_data with sync_remote sees the delete committed on instance 0");
    }
    java.util.Arrays.sort(nanos);
    System.out.printf(
        "name read across instances (catching up first): median %.2f ms, max %.2f ms%n",
        nanos[5] / 1e6, nanos[9] / 1e6);
  }
}
