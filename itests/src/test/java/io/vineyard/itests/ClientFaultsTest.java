package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.itests.programs.HoldingClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that die or hold on: a client killed with SIGKILL while it holds references to many blobs
 * and an unsealed one loses all of them, and the memory they kept returns to the baseline; a delete
 * of blobs another live client references is deferred until it lets go, and its views stay valid
 * until then.
 */
class ClientFaultsTest {
  static RuntimeProcess rt;

  @BeforeAll
  static void start() throws Exception {
    rt = RuntimeProcess.start("64M");
  }

  @AfterAll
  static void stop() throws Exception {
    rt.close();
  }

  private static long used(VineyardClient c) {
    return c.status().memoryUsage();
  }

  @Test
  void aClientKilledMidCreateLosesItsUnsealedBlobAndItsReferences() throws Exception {
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      long baseline = used(c);
      Process holder =
          new ProcessBuilder(
                  RuntimeProcess.java(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  HoldingClient.class.getName(),
                  rt.socket.toString(),
                  "100")
              .redirectErrorStream(true)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("holding "), String.valueOf(line));
        List<ObjectId> held =
            Arrays.stream(line.substring(8).split(" ")).map(ObjectId::parse).toList();
        assertEquals(100, held.size());
        long holding = used(c);
        assertEquals(
            baseline + 100 * (64 << 10) + (4 << 20),
            holding,
            "100 blobs of 64 KiB and an unsealed 4 MiB");
        c.delete(held.toArray(ObjectId[]::new)); // referenced by the holder: deferred
        assertFalse(c.exists(held.getFirst()));
        assertEquals(holding, used(c), "their memory stays while the holder references them");
        holder.destroyForcibly(); // SIGKILL, mid-create
        assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (used(c) != baseline && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(
            baseline, used(c), "back to the baseline once the killed client's connection is gone");
      } finally {
        holder.destroyForcibly();
      }
    }
  }

  @Test
  void aDeleteOfWhatAnotherClientReadsIsDeferredAndItsViewStaysValid() throws Exception {
    try (VineyardClient reader = Vineyard.connect(rt.socket);
        VineyardClient deleter = Vineyard.connect(rt.socket)) {
      long baseline = used(deleter);
      byte[] bytes = new byte[1 << 20];
      Arrays.fill(bytes, (byte) 42);
      ObjectId id = deleter.put(bytes);
      deleter.release(List.of(id));
      ByteBuffer view = (ByteBuffer) reader.get(id);
      deleter.delete(id);
      assertFalse(deleter.exists(id));
      assertEquals(baseline + (1 << 20), used(deleter), "deferred: the reader still references it");
      for (int i = 0; i < view.capacity(); i += 4096) {
        assertEquals(42, view.get(i), "the view reads the blob's bytes after its delete");
      }
      reader.release(List.of(id));
      assertEquals(baseline, used(deleter), "freed at the reader's release");
    }
  }
}
