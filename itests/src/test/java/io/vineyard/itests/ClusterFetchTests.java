package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ClusterInstance;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.RemoteClient;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.composite.Pair;
import java.nio.DoubleBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payloads fetched between instances, run by {@link ClusterSeedTest} on its two runtimes (started
 * with {@code --rpc} on free ports): every instance records its RPC endpoint in the cluster, and
 * the seed's pair, whose arrays live one on each instance, resolves to {@code ([0,…,0], [1,1,1,1])}
 * on either instance once migrated there, the bytes going instance to instance.
 */
abstract class ClusterFetchTests {
  private final VineyardClient client1;
  private final VineyardClient client2;

  ClusterFetchTests(VineyardClient client1, VineyardClient client2) {
    this.client1 = client1;
    this.client2 = client2;
  }

  @Test
  void everyInstanceKnowsEveryEndpointAndServesIt() {
    for (ClusterInstance i : client2.clusterMeta()) {
      assertTrue(i.rpcEndpoint().startsWith("127.0.0.1:"), i.toString());
      String[] hp = i.rpcEndpoint().split(":");
      try (RemoteClient remote = Vineyard.connectRemote(hp[0], Integer.parseInt(hp[1]))) {
        assertEquals(i.instanceId(), remote.instanceId());
      }
    }
  }

  @Test
  void theSeedsPairResolvesOnEitherInstanceOnceFetched() {
    ObjectId id1 = client1.put(new double[8]);
    client1.persist(id1);
    ObjectId id2 = client2.put(new double[] {1, 1, 1, 1});
    client2.persist(id2);
    ObjectId idPair = client1.put(Pair.of(client1.getObject(id1), client2.getObject(id2)));

    for (VineyardClient client : List.of(client2, client1)) {
      ObjectId local = client.migrate(idPair);
      assertNotEquals(idPair, local, "a new object holds the copied payload");
      assertTrue(client.isPersisted(local), "persisted, as vineyardd does");
      Pair<?, ?> value = assertInstanceOf(Pair.class, client.get(local));
      assertArrayEquals(new double[8], elements(value.first()));
      assertArrayEquals(new double[] {1, 1, 1, 1}, elements(value.second()));
      assertEquals(local, client.migrate(local), "all here now: its own copy");

      Pair<?, ?> fetched = assertInstanceOf(Pair.class, client.fetch(idPair));
      assertArrayEquals(new double[8], elements(fetched.first()));
      assertArrayEquals(new double[] {1, 1, 1, 1}, elements(fetched.second()));
    }
    ObjectMeta original = client2.getMeta(idPair);
    assertEquals(
        client1.instanceId(), original.member("first_").orElseThrow().instanceId(), "unchanged");
    // on the second instance the second array stays itself; only the first is copied
    ObjectMeta copy = client2.getMeta(client2.migrate(idPair));
    assertEquals(id2, copy.member("second_").orElseThrow().id());
    assertNotEquals(id1, copy.member("first_").orElseThrow().id());
    assertEquals(client2.instanceId(), copy.member("first_").orElseThrow().instanceId());
    assertEquals(
        client1.getMeta(idPair).value("signature"),
        copy.value("signature"),
        "same signature, as vineyardd checks");
  }

  @Test
  void errorsAreTypedAndNamed() {
    ObjectId blob = client1.put(new byte[] {1, 2, 3});
    VineyardException.Invalid e =
        assertThrows(VineyardException.Invalid.class, () -> client2.migrate(blob));
    assertTrue(e.getMessage().contains("blobs cannot be directly migrated"), e.getMessage());
    assertThrows(VineyardException.ObjectNotExists.class, () -> client2.migrate(ObjectId.of(42)));
  }

  private static double[] elements(Object value) {
    DoubleBuffer d = assertInstanceOf(DoubleBuffer.class, value);
    double[] out = new double[d.remaining()];
    d.duplicate().get(out);
    return out;
  }
}
