package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.array.ArrayObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded cluster with default flags (runtimes of one user sharing a discovery folder): a
 * start never depends on runtimes that are stopped, in any order of starts, clean stops (SIGINT,
 * SIGTERM) and kill -9. Each case prints the time from launch to ready of the runtimes it starts;
 * the figures are for the closing note, not asserted (the machine is shared).
 */
class ClusterMembershipTest {
  private Path discovery;
  private final List<RuntimeProcess> started = new ArrayList<>();

  @BeforeEach
  void folder() throws Exception {
    discovery = Files.createTempDirectory("vineyard-it-membership");
  }

  @AfterEach
  void stopAll() throws Exception {
    for (RuntimeProcess rt : started) {
      rt.close();
    }
    RuntimeProcess.deleteTree(discovery);
  }

  /** Launches a runtime in this test's cluster and waits until it is ready; prints the time. */
  private RuntimeProcess start(String name) throws Exception {
    long t0 = System.nanoTime();
    RuntimeProcess rt = RuntimeProcess.launch("32M", discovery);
    started.add(rt);
    rt.awaitReady();
    System.out.printf(
        "membership: %s ready %d ms after launch%n", name, (System.nanoTime() - t0) / 1_000_000);
    return rt;
  }

  private static long restart(RuntimeProcess rt, String name) throws Exception {
    long t0 = System.nanoTime();
    rt.restart();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("membership: %s ready %d ms after its restart%n", name, ms);
    return ms;
  }

  /** Puts and persists an array on {@code rt} and reads it back: the runtime serves and commits. */
  private static ObjectId servesAndPersists(RuntimeProcess rt, double value) {
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      ObjectId id = c.put(new double[] {value});
      c.persist(id);
      assertEquals(value, c.getObject(id, ArrayObject.class).asDoubleBuffer().get(0));
      return id;
    }
  }

  private static Map<String, Object> status(RuntimeProcess rt) {
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      return c.status().metadata();
    }
  }

  private static void seenOn(RuntimeProcess rt, ObjectId id) {
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      assertFalse(c.getMeta(id, true).isTransient(), id + " on " + rt.socket);
    }
  }

  @Test
  void aStartAfterTheOnlyRuntimeStoppedFoundsTheClusterAgain() throws Exception { // (a)
    RuntimeProcess a = start("a (first)");
    servesAndPersists(a, 1);
    a.interrupt();
    RuntimeProcess b = start("b (after a stopped with SIGINT)");
    servesAndPersists(b, 2);
    assertEquals(1, ClusterFailureTest.members(status(b)), status(b).toString());
  }

  @Test
  void aStartAfterEveryRuntimeWasKilledFoundsTheClusterAgain() throws Exception { // (b)
    RuntimeProcess a = start("a");
    RuntimeProcess b = start("b");
    servesAndPersists(a, 1);
    a.kill();
    b.kill();
    RuntimeProcess c = start("c (after a and b were killed)");
    servesAndPersists(c, 3);
  }

  @Test
  void aRuntimeStoppedAndStartedAgainIsTheSameInstanceWithItsObjects() throws Exception { // (c)
    RuntimeProcess a = start("a");
    long id;
    ObjectId full;
    try (VineyardClient c = Vineyard.connect(a.socket)) {
      id = c.instanceId();
      full = c.put(new double[] {1, 2, 3});
      c.persist(full);
      c.putName(full, "membership/full");
    }
    a.stop();
    restart(a, "a (after SIGTERM)");
    try (VineyardClient c = Vineyard.connect(a.socket)) {
      assertEquals(id, c.instanceId(), "the same instance");
      assertEquals(full, c.getName("membership/full", false), "brought back with its name");
      assertEquals(
          3.0, c.getObject(full, ArrayObject.class).asDoubleBuffer().get(2), "and its payload");
    }
    servesAndPersists(a, 4);
  }

  @Test
  void withNoKeepAStoppedRuntimesObjectsAreDroppedNotLeftDangling() throws Exception {
    long t0 = System.nanoTime();
    RuntimeProcess b = RuntimeProcess.launch("32M", discovery, "--no-keep");
    started.add(b);
    b.awaitReady();
    System.out.printf(
        "membership: b (--no-keep) ready %d ms after launch%n",
        (System.nanoTime() - t0) / 1_000_000);
    ObjectId empty;
    ObjectId full;
    try (VineyardClient c = Vineyard.connect(b.socket)) {
      empty = c.put(new double[0]); // its only blob is the empty one: nothing to lose
      c.persist(empty);
      c.putName(empty, "membership/empty");
      full = c.put(new double[] {1, 2, 3});
      c.persist(full);
      c.putName(full, "membership/full");
    }
    b.interrupt();
    restart(b, "b (--no-keep, after SIGINT)");
    try (VineyardClient c = Vineyard.connect(b.socket)) {
      assertEquals(empty, c.getName("membership/empty", false), "no payload to lose: back");
      assertFalse(c.exists(full), "its payload was freed: dropped, not left dangling");
      assertThrows(
          VineyardException.ObjectNotExists.class, () -> c.getName("membership/full", false));
    }
  }

  @Test
  void aStartWhileTheOnlySurvivorLostItsMajorityAndTheKilledOneRestarting()
      throws Exception { // (d)
    RuntimeProcess a = start("a");
    RuntimeProcess b = start("b");
    long idA;
    try (VineyardClient c = Vineyard.connect(a.socket)) {
      idA = c.instanceId();
    }
    a.kill();
    RuntimeProcess c = start("c (b alone of two, a killed)");
    ObjectId onC = servesAndPersists(c, 5);
    seenOn(b, onC);
    ObjectId onB = servesAndPersists(b, 6);
    seenOn(c, onB);
    restart(a, "a (killed, back)");
    try (VineyardClient client = Vineyard.connect(a.socket)) {
      assertEquals(idA, client.instanceId());
    }
    seenOn(a, onC);
    ObjectId onA = servesAndPersists(a, 7);
    seenOn(b, onA);
    seenOn(c, onA);
    c.await(
        "three members once the killed one's old self is removed",
        () -> ClusterFailureTest.members(status(c)) == 3);
  }

  @Test
  void threeAtATimeKilledStoppedAndStartedTogetherFormOneGroup() throws Exception { // (e)
    RuntimeProcess a = start("a");
    RuntimeProcess b = start("b");
    RuntimeProcess c = start("c");
    servesAndPersists(a, 1);
    a.kill();
    b.kill();
    RuntimeProcess d = start("d (two of three killed)");
    ObjectId onD = servesAndPersists(d, 8);
    seenOn(c, onD);
    c.interrupt();
    d.stop();
    // three at once into a cluster none of whose members runs
    List<RuntimeProcess> three = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      RuntimeProcess rt = RuntimeProcess.launch("32M", discovery);
      started.add(rt);
      three.add(rt);
    }
    for (RuntimeProcess rt : three) {
      rt.awaitReady();
    }
    System.out.printf(
        "membership: three started together ready %d ms after launch%n",
        (System.nanoTime() - t0) / 1_000_000);
    ObjectId first = servesAndPersists(three.get(0), 9);
    for (RuntimeProcess rt : three) {
      seenOn(rt, first);
    }
    Object generation = status(three.get(0)).get("generation");
    for (RuntimeProcess rt : three) {
      rt.await(
          "the three form one group",
          () -> {
            Map<String, Object> s = status(rt);
            return generation.equals(s.get("generation")) && ClusterFailureTest.members(s) == 3;
          });
    }
  }

  @Test
  void twentyRestartsRightAfterACleanStopEachJoinAtOnce() throws Exception {
    RuntimeProcess a = start("a");
    RuntimeProcess b = start("b");
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      if (i % 2 == 0) {
        b.stop();
      } else {
        b.interrupt();
      }
      assertEquals(
          0,
          b.process.exitValue(),
          "a clean stop exits 0 (" + (i % 2 == 0 ? "SIGTERM" : "SIGINT") + ")");
      times.add(restart(b, "b, restart " + (i + 1)));
      b.await("two members", () -> ClusterFailureTest.members(status(b)) == 2);
    }
    ObjectId id = servesAndPersists(b, 10);
    seenOn(a, id);
    Collections.sort(times);
    System.out.printf(
        "membership: 20 restarts after a clean stop: median %d ms, max %d ms%n",
        times.get(10), times.get(19));
  }
}
