package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.array.ArrayObject;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Payloads survive a crash: a runtime holding 50 sealed blobs, a persisted and named array and an
 * unsealed blob is killed with SIGKILL and started again on the same folders; every sealed blob is
 * back with its ID and bytes, the array resolves through its name, a transient array resolves too,
 * and the unsealed blob's memory is free again. Both bundle sets: the cluster's metadata (Raft) and
 * the standalone one (MapDB and a transient log).
 */
class CrashSurvivalTest {

  @Test
  void sealedBlobsAndPersistedObjectsComeBackAfterKillNine() throws Exception {
    survivesKillNine();
  }

  @Test
  void theStandaloneSetBringsBackTransientObjectsToo() throws Exception {
    survivesKillNine("--bundle-set", "standalone");
  }

  private static void survivesKillNine(String... flags) throws Exception {
    long seed = System.nanoTime();
    System.out.println("crash survival " + String.join(" ", flags) + ": seed " + seed);
    Random random = new Random(seed);
    try (RuntimeProcess rt = RuntimeProcess.start("64M", flags)) {
      Map<ObjectId, byte[]> blobs = new LinkedHashMap<>();
      ObjectId array;
      ObjectId transientArray;
      long usedBefore;
      try (VineyardClient c = Vineyard.connect(rt.socket)) {
        for (int i = 0; i < 50; i++) {
          byte[] bytes = new byte[1 + random.nextInt(200_000)];
          random.nextBytes(bytes);
          blobs.put(c.put(bytes), bytes);
        }
        array = c.put(new double[] {3, 1, 4, 1, 5});
        c.persist(array);
        c.putName(array, "crash/array");
        transientArray = c.put(new double[] {2, 7, 1, 8}); // never persisted
        usedBefore = c.status().memoryUsage();
        BlobWriter unsealed = c.createBlob(1 << 20); // the crash comes before its seal
        unsealed.segment().fill((byte) 7);
        assertTrue(c.status().memoryUsage() >= usedBefore + (1 << 20));
        rt.kill();
      }
      long t0 = System.nanoTime();
      rt.restart();
      System.out.printf(
          "crash survival %s: restarted after kill -9 in %d ms with %d blobs%n",
          String.join(" ", flags), (System.nanoTime() - t0) / 1_000_000, blobs.size());
      try (VineyardClient c = Vineyard.connect(rt.socket)) {
        for (Map.Entry<ObjectId, byte[]> e : blobs.entrySet()) {
          ByteBuffer got = (ByteBuffer) c.get(e.getKey());
          assertEquals(ByteBuffer.wrap(e.getValue()), got, "blob " + e.getKey());
        }
        assertEquals(array, c.getName("crash/array", false));
        ArrayObject a = c.getObject(array, ArrayObject.class);
        assertFalse(a.meta().isTransient());
        assertEquals(5.0, a.asDoubleBuffer().get(4));
        ArrayObject t = c.getObject(transientArray, ArrayObject.class);
        assertTrue(t.meta().isTransient(), "a transient object comes back transient");
        assertEquals(8.0, t.asDoubleBuffer().get(3));
        assertEquals(
            usedBefore, c.status().memoryUsage(), "the unsealed blob's memory is free again");
      }
    }
  }
}
