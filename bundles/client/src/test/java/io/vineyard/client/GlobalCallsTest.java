package io.vineyard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ClusterInstance;
import io.vineyard.api.InstanceStatus;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.testkit.TestInstance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** persist, names, cluster_meta and status through the Java client (on a lone instance). */
class GlobalCallsTest {
  TestInstance instance;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(16L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  @Test
  void persistNameAndFind() throws Exception {
    try (VineyardClient a = Vineyard.connect(instance.socket());
        VineyardClient b = Vineyard.connect(instance.socket())) {
      ObjectMeta blob = a.getMeta(a.put(new byte[] {1, 2}));
      ObjectId id =
          a.createMetadata(
                  ObjectMeta.builder("test::Box").member("buffer_", blob).nbytes(2).build())
              .id();
      assertFalse(a.isPersisted(id));
      assertThrows(VineyardException.Invalid.class, () -> a.putName(id, "box"));
      assertThrows(VineyardException.AssertionFailed.class, () -> a.persist(blob.id()));
      a.persist(id);
      assertTrue(b.isPersisted(id));
      assertFalse(b.getMeta(id, false).isTransient());

      CompletableFuture<ObjectId> waiting =
          CompletableFuture.supplyAsync(() -> b.getName("box", true));
      Thread.sleep(200);
      assertFalse(waiting.isDone());
      a.putName(id, "box");
      assertEquals(id, waiting.get(10, TimeUnit.SECONDS));
      assertEquals(Map.of("box", id), a.listNames("b*", false, 10));
      a.dropName("box");
      assertThrows(VineyardException.ObjectNotExists.class, () -> a.getName("box", false));
      a.dropName("box"); // no error, as in vineyardd
    }
  }

  @Test
  void labelsMergeIntoTheMetadata() throws Exception {
    try (VineyardClient a = Vineyard.connect(instance.socket());
        VineyardClient b = Vineyard.connect(instance.socket())) {
      ObjectMeta blob = a.getMeta(a.put(new byte[] {1, 2}));
      ObjectId id =
          a.createMetadata(
                  ObjectMeta.builder("test::Box").member("buffer_", blob).nbytes(2).build())
              .id();
      a.label(id, Map.of("owner", "me"));
      a.label(id, new java.util.LinkedHashMap<>(Map.of("owner", "you", "kind", "box")));
      assertEquals(Map.of("owner", "you", "kind", "box"), labels(b.getMeta(id, false)));
      a.persist(id);
      b.label(id, Map.of("stage", "done"));
      assertEquals(
          Map.of("owner", "you", "kind", "box", "stage", "done"), labels(a.getMeta(id, false)));
      assertThrows(VineyardException.Invalid.class, () -> a.label(blob.id(), Map.of("k", "v")));
      assertThrows(
          VineyardException.ObjectNotExists.class,
          () -> a.label(ObjectId.of(77), Map.of("k", "v")));
    }
  }

  private static Map<String, String> labels(ObjectMeta meta) {
    return meta.labels();
  }

  @Test
  void clusterMetaAndStatus() {
    try (VineyardClient c = Vineyard.connect(instance.socket())) {
      List<ClusterInstance> all = c.clusterMeta();
      assertEquals(1, all.size());
      assertEquals(c.instanceId(), all.get(0).instanceId());
      assertEquals(instance.socket().toString(), all.get(0).ipcSocket());
      c.createMetadata(ObjectMeta.builder("test::Thing").build());
      InstanceStatus st = c.status();
      assertEquals(1, st.objects());
      assertEquals(1, st.ipcConnections());
      assertEquals("local", st.metadata().get("metadata"));
    }
  }
}
