package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.meta.IdGenerator;
import io.vineyard.meta.InstanceInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real instances in this JVM, on 127.0.0.1, each with its own data dir, finding each other
 * through a shared folder (the embedded default): replication, members killed (removed by the
 * leader; the last survivor founds a new generation), restarts that bring their objects back, and a
 * leader that stops cleanly and so leaves.
 */
class ThreeInstancesOnLoopbackTest {
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(3);

  @TempDir Path tmp;
  private final String cluster = "test-" + UUID.randomUUID().toString().substring(0, 8);
  private final RaftMetadataService[] instances = new RaftMetadataService[3];

  private ClusterSettings settings(int i) {
    return ClusterSettings.embedded(
        cluster,
        tmp.resolve("discovery"),
        tmp.resolve("data-" + i),
        "/run/test/" + i + ".sock",
        COMMIT_TIMEOUT);
  }

  private RaftMetadataService start(int i) throws Exception {
    instances[i] = RaftMetadataService.start(settings(i));
    return instances[i];
  }

  /** A clean stop: the member leaves the cluster while others run. */
  private void stop(int i) {
    instances[i].close();
    instances[i] = null;
  }

  /** As kill -9 as far as the cluster can tell: the member stays one. */
  private void kill(int i) {
    instances[i].kill();
    instances[i] = null;
  }

  @AfterEach
  void stopAll() {
    for (int i = instances.length - 1; i >= 0; i--) {
      if (instances[i] != null) {
        stop(i);
      }
    }
  }

  /**
   * A transient array with a blob member and a pair holding it, put on {@code on}; returns the
   * pair's ID.
   */
  private static ObjectId putPair(RaftMetadataService on) {
    IdGenerator ids = new IdGenerator(on.instanceId());
    ObjectMeta blob = tree(ids.nextBlobId(), "vineyard::Blob", on.instanceId()).build();
    ObjectMeta array =
        tree(ids.nextObjectId(), "vineyard::Array<int>", on.instanceId())
            .member("buffer_", blob)
            .build();
    on.put(array);
    ObjectMeta pair =
        tree(ids.nextObjectId(), "vineyard::Pair", on.instanceId()).member("first_", array).build();
    on.put(pair);
    return pair.id();
  }

  private static ObjectMeta.Builder tree(ObjectId id, String typename, long instance) {
    return ObjectMeta.builder(typename).id(id).instanceId(instance);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  @Test
  @Timeout(180)
  void persistsReplicateMembersFollowTheRunningRuntimesAndRestartsKeepTheirIdAndObjects()
      throws Exception {
    RaftMetadataService a = start(0);
    RaftMetadataService b = start(1);
    RaftMetadataService c = start(2);
    assertEquals(List.of(0L, 1L, 2L), List.of(a.instanceId(), b.instanceId(), c.instanceId()));
    assertEquals(3, ((List<?>) a.status().get("members")).size(), a.status().toString());

    // persist on one, visible on the others at once (their replica catches up on the miss)
    ObjectId pair = putPair(a);
    assertFalse(a.isPersisted(pair));
    assertFalse(b.contains(pair), "transient objects stay on their instance");
    a.persist(pair);
    assertTrue(a.isPersisted(pair));
    ObjectMeta seen = b.get(pair).orElseThrow();
    assertFalse(seen.isTransient());
    assertFalse(seen.member("first_").orElseThrow().isTransient());
    ObjectId array = seen.member("first_").orElseThrow().id();
    assertTrue(c.isPersisted(array), "members are persisted with their object");
    assertEquals(2, c.size());
    a.putName("pair", pair);
    assertEquals(Optional.of(pair), c.getName("pair", Duration.ZERO));
    assertEquals(
        Map.of("pair", pair),
        b.listNames(n -> true, 10),
        "a list on another instance sees it at once");
    assertEquals(List.of(0L, 1L, 2L), c.instances().stream().map(InstanceInfo::id).toList());

    // labels: of a persisted object through the log, of a transient one locally (until its persist)
    c.label(pair, Map.of("k", "v"));
    assertEquals("v", c.get(pair).orElseThrow().labels().get("k"));
    b.listNames(n -> true, 10); // catches up
    assertEquals("v", b.get(pair).orElseThrow().labels().get("k"));
    ObjectId scratch = putPair(b);
    b.label(scratch, Map.of("t", "1"));
    assertEquals("1", b.get(scratch).orElseThrow().labels().get("t"));
    assertFalse(a.contains(scratch));
    b.persist(scratch);
    assertEquals("1", a.get(scratch).orElseThrow().labels().get("t"));

    // figures: persist from the leader and from a follower, and a catch-up read on a third instance
    List<Long> fromLeader = new ArrayList<>();
    List<Long> fromFollower = new ArrayList<>();
    List<Long> catchUp = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ObjectId p = putPair(a);
      long t0 = System.nanoTime();
      a.persist(p);
      long t1 = System.nanoTime();
      assertTrue(c.contains(p));
      long t2 = System.nanoTime();
      ObjectId q = putPair(b);
      long t3 = System.nanoTime();
      b.persist(q);
      long t4 = System.nanoTime();
      if (i >= 10) { // after warm-up
        fromLeader.add(t1 - t0);
        catchUp.add(t2 - t1);
        fromFollower.add(t4 - t3);
      }
    }
    System.out.printf(
        "persist latency, 3 members on loopback: from the leader median %.2f ms (p90 %.2f), "
            + "from a follower median %.2f ms (p90 %.2f); read of it on a third instance median %.2f ms%n",
        median(fromLeader),
        p90(fromLeader),
        median(fromFollower),
        p90(fromFollower),
        median(catchUp));

    assertEquals("distributed", a.status().get("deployment"));

    // one of three killed: persists still commit; the leader removes it, with its objects
    ObjectId ofC = putPair(c);
    c.persist(ofC);
    kill(2);
    ObjectId whileCDown = putPair(a);
    a.persist(whileCDown);
    assertTrue(b.contains(whileCDown));
    RaftMetadataService a0 = a;
    awaitTrue(
        () -> ((List<?>) a0.status().get("members")).size() == 2,
        "the dead member is removed: " + a.status());
    awaitTrue(() -> !a0.contains(ofC), "the objects of the dead instance leave with it");
    assertTrue(a.remove(pair).isPresent());
    assertFalse(a.contains(pair));
    RaftMetadataService b0 = b;
    awaitTrue(() -> !b0.contains(pair), "removed everywhere");
    assertEquals(
        Optional.empty(), b.getName("pair", Duration.ZERO), "names of removed objects are dropped");

    // two of three killed: the survivor founds a new generation alone and goes on, with its objects
    kill(1);
    ObjectId alone = putPair(a);
    long t0 = System.nanoTime();
    a.persist(alone);
    System.out.printf(
        "persist right after the last other member died: %.0f ms%n",
        millis(System.nanoTime() - t0));
    assertTrue(a.isPersisted(alone));
    assertTrue(a.isPersisted(whileCDown), "its own objects came along");
    assertEquals(1, ((List<?>) a.status().get("members")).size(), a.status().toString());

    // a second runtime on a data dir in use is refused
    IllegalStateException inUse =
        assertThrows(IllegalStateException.class, () -> RaftMetadataService.start(settings(0)));
    assertTrue(inUse.getMessage().contains("is in use by another runtime"), inUse.getMessage());

    // restarts on the same data dirs: same IDs, they join the new generation and bring their
    // objects
    b = start(1);
    assertEquals(1, b.instanceId());
    assertTrue(b.isPersisted(whileCDown));
    c = start(2);
    assertEquals(2, c.instanceId());
    assertTrue(c.isPersisted(ofC), "brought back by its owner");
    assertTrue(a.isPersisted(ofC));
    assertFalse(c.contains(pair), "removed while it was down");
    assertEquals("raft", c.status().get("metadata"));
    assertEquals(
        3,
        c.instances().stream().filter(i -> i.status().equals("running")).count(),
        c.instances().toString());

    // the leader stops cleanly: it leaves with its objects, the other two go on; they come back
    // with it
    assertEquals("Leader", a.status().get("role"));
    stop(0);
    assertEquals(2, ((List<?>) b.status().get("members")).size(), b.status().toString());
    ObjectId afterLeader = putPair(b);
    b.persist(afterLeader);
    assertTrue(c.isPersisted(afterLeader));
    assertFalse(c.isPersisted(whileCDown), "left with its instance");
    assertFalse(c.instances().stream().anyMatch(i -> i.id() == 0), c.instances().toString());
    RaftMetadataService back = start(0);
    assertEquals(0, back.instanceId());
    assertTrue(back.isPersisted(afterLeader), "the old leader catches up as a follower");
    assertTrue(c.isPersisted(whileCDown), "back with its instance");
    assertEquals(3, ((List<?>) c.status().get("members")).size(), c.status().toString());
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long until = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < until, what);
      Thread.sleep(10);
    }
  }

  private static double median(List<Long> nanos) {
    long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return millis(s[s.length / 2]);
  }

  private static double p90(List<Long> nanos) {
    long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return millis(s[(int) (s.length * 0.9)]);
  }
}
