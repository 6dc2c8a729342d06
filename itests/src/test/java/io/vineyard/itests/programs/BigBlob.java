package io.vineyard.itests.programs;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * A large blob written in place and read back, from two JVMs with small heaps: {@code write SOCKET
 * BYTES} creates, fills, seals and prints its ID and checksum; {@code read SOCKET ID} maps it and
 * checksums every byte. Neither can hold the payload in its heap.
 */
public final class BigBlob {
  static long checksum(MemorySegment s) {
    long h = 1;
    long n = s.byteSize() / 8;
    for (long i = 0; i < n; i++) {
      h = h * 31 + s.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
    }
    for (long i = n * 8; i < s.byteSize(); i++) {
      h = h * 31 + s.get(ValueLayout.JAVA_BYTE, i);
    }
    return h;
  }

  public static void main(String[] args) {
    try (VineyardClient client = Vineyard.connect(Path.of(args[1]))) {
      if (args[0].equals("write")) {
        long size = Long.parseLong(args[2]);
        long t0 = System.nanoTime();
        ObjectId id;
        long sum;
        try (BlobWriter w = client.createBlob(size)) {
          MemorySegment s = w.segment();
          long seed = System.nanoTime();
          for (long i = 0; i < size / 8; i++) {
            s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, (i * 0x9E3779B97F4A7C15L) ^ seed);
          }
          sum = checksum(s);
          id = w.seal();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(
            "id="
                + id
                + " checksum="
                + sum
                + " millis="
                + ms
                + " maxHeap="
                + Runtime.getRuntime().maxMemory());
      } else {
        long t0 = System.nanoTime();
        Blob blob = client.getObject(ObjectId.parse(args[2]), Blob.class);
        long getMicros = (System.nanoTime() - t0) / 1000;
        long sum = checksum(blob.segment());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(
            "size="
                + blob.size()
                + " checksum="
                + sum
                + " getMicros="
                + getMicros
                + " millis="
                + ms
                + " readOnly="
                + blob.segment().isReadOnly());
      }
    }
  }
}
