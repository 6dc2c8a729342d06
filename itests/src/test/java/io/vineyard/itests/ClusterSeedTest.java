package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ClusterInstance;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardObject;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.array.ArrayObject;
import io.vineyard.plugin.composite.Pair;
import io.vineyard.plugin.composite.PairObject;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's second example: two runtimes started with nothing but their sockets (and, so that the
 * test touches none of the user's folders, temporary data and discovery folders) form one cluster,
 * and a pair of arrays, one on each instance, is read from the second.
 */
class ClusterSeedTest {
  static final String EXPECTED = "vineyard::Array<double> 8 4\n(null, [1.0, 1.0, 1.0, 1.0])";
  static RuntimeCluster cluster;
  static VineyardClient client1;
  static VineyardClient client2;

  @BeforeAll
  static void start() throws Exception {
    // with the RPC endpoint, on free ports, for the fetch tests (ClusterFetchTests)
    cluster = RuntimeCluster.start(2, "64M", "--rpc", "--rpc-socket-port", "0");
    client1 = Vineyard.connect(cluster.get(0).socket);
    client2 = Vineyard.connect(cluster.get(1).socket);
  }

  /** Waits until both instances list both RPC endpoints (each records its own once it serves). */
  static void awaitEndpoints(VineyardClient a, VineyardClient b) {
    assertTrue(
        io.vineyard.settings.Deadline.in(java.time.Duration.ofSeconds(60))
            .poll(
                java.time.Duration.ofMillis(50),
                () ->
                    List.of(a, b).stream()
                        .allMatch(
                            c ->
                                c.clusterMeta().stream()
                                        .filter(i -> !i.rpcEndpoint().equals("0.0.0.0:0"))
                                        .count()
                                    == 2)),
        "RPC endpoints in cluster_meta: " + a.clusterMeta());
  }

  @org.junit.jupiter.api.Nested
  class Fetch extends ClusterFetchTests {
    Fetch() {
      super(client1, client2);
      awaitEndpoints(client1, client2);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try (RuntimeCluster c = cluster;
        VineyardClient a = client1;
        VineyardClient b = client2) {
      // closed in reverse order: clients, then every runtime and folder
    }
  }

  @Test
  void bothInstancesListTheSameTwoInstancesWithTheirSockets() {
    Map<Long, String> expected = null;
    for (VineyardClient client : List.of(client1, client2)) {
      List<ClusterInstance> instances = client.clusterMeta();
      assertEquals(2, instances.size(), instances.toString());
      Map<Long, String> sockets = new TreeMap<>();
      for (ClusterInstance i : instances) {
        sockets.put(i.instanceId(), i.ipcSocket());
        assertEquals("running", i.status(), i.toString());
      }
      assertEquals(2, sockets.size(), "distinct instance ids: " + instances);
      assertEquals(
          cluster.get(0).socket.toString(),
          sockets.get(client1.instanceId()),
          instances.toString());
      assertEquals(
          cluster.get(1).socket.toString(),
          sockets.get(client2.instanceId()),
          instances.toString());
      if (expected != null) {
        assertEquals(expected, sockets, "both instances agree");
      }
      expected = sockets;
    }
    assertNotEquals(client1.instanceId(), client2.instanceId());
  }

  @Test
  void aPairOfArraysOnTwoInstancesIsReadFromTheSecond() {
    ObjectId id1 = client1.put(new double[8]);
    client1.persist(id1);
    ObjectId id2 = client2.put(new double[] {1, 1, 1, 1});
    client2.persist(id2);

    VineyardObject obj1 = client1.getObject(id1);
    VineyardObject obj2 = client2.getObject(id2);
    ObjectId idPair = client1.put(Pair.of(obj1, obj2));
    assertTrue(
        client1.isPersisted(idPair), "a pair of other instances' members is global from the start");

    PairObject pair = client2.getObject(idPair, PairObject.class);
    ArrayObject first = assertInstanceOf(ArrayObject.class, pair.first());
    ArrayObject second = assertInstanceOf(ArrayObject.class, pair.second());
    assertEquals(
        "vineyard::Array<double> 8 4", first.typename() + " " + first.size() + " " + second.size());
    assertFalse(first.isLocal(), "the first array's payload stays on the first instance");
    assertTrue(second.isLocal());

    Pair<?, ?> value = assertInstanceOf(Pair.class, client2.get(idPair));
    assertNull(value.first(), "the first array's payload is not on the second instance");
    DoubleBuffer ones = assertInstanceOf(DoubleBuffer.class, value.second());
    double[] elements = new double[ones.remaining()];
    ones.duplicate().get(elements);
    assertArrayEquals(new double[] {1, 1, 1, 1}, elements);

    Pair<?, ?> fromFirst = assertInstanceOf(Pair.class, client1.get(idPair));
    assertNull(fromFirst.second(), "and the second's stays on the second");
    assertInstanceOf(DoubleBuffer.class, fromFirst.first());
  }

  /**
   * The README's example in a JVM of its own, run as the README says: a source file on the client
   * class path.
   */
  @Test
  void theReadmeExampleRunsAsASourceFile() throws Exception {
    Path source =
        Path.of("..", "docs", "examples", "ClusterOfTwo.java").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(source), source.toString());
    String out =
        ClientProcess.run(
            "64m",
            List.of(),
            source.toString(),
            cluster.get(0).socket.toString(),
            cluster.get(1).socket.toString());
    assertEquals(EXPECTED, out.strip().replace("\r", ""));
  }
}
