package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code --reserve-memory}: the runtime allocates its whole arena at start and keeps it allocated;
 * clients write large blobs into it (their mapping populated in the background, the rest of a new
 * blob at create) and read back exactly what was written.
 */
class ReserveMemoryTest {
  static final long SIZE = 64L << 20;

  /** Bytes the filesystem has allocated to a file (its blocks, as stat(1) reports them). */
  static long allocated(Path file) throws Exception {
    Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
    String[] out = new String(p.getInputStream().readAllBytes()).trim().split(" ");
    assertEquals(0, p.waitFor());
    return Long.parseLong(out[0]) * Long.parseLong(out[1]);
  }

  @Test
  void reservedArenaIsAllocatedAtStartAndLargeBlobsRoundTrip() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("64M", "--reserve-memory");
        VineyardClient writer = Vineyard.connect(rt.socket);
        VineyardClient reader = Vineyard.connect(rt.socket)) {
      Path arena = rt.shm.resolve("arenas").resolve("arena-0");
      assertEquals(SIZE, allocated(arena), "the whole arena is allocated at start");

      ObjectId id;
      long n = 24L << 20;
      try (BlobWriter w = writer.createBlob(n)) {
        MemorySegment s = w.segment();
        for (long i = 0; i < n; i += 8) {
          s.set(ValueLayout.JAVA_LONG_UNALIGNED, i, i * 31);
        }
        id = w.seal();
      }
      MemorySegment back = reader.getObject(id, Blob.class).segment();
      for (long i = 0; i < n; i += 8) {
        assertEquals(i * 31, back.get(ValueLayout.JAVA_LONG_UNALIGNED, i), "offset " + i);
      }
      writer.delete(id);
      assertEquals(SIZE, allocated(arena), "freed memory stays allocated for the next blobs");
    }
  }
}
