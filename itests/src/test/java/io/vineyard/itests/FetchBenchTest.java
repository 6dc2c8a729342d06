package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A figure, not an assertion: the fetch of one large member (1 GiB with {@code -Pfetch-bench}; not
 * run otherwise) from one instance to another through the RPC endpoint, bytes checked.
 */
class FetchBenchTest {
  static final int MIB = Integer.getInteger("vineyard.fetch.bench.mib", 0);

  @Test
  void aLargeMemberIsFetchedAndTimed() throws Exception {
    Assumptions.assumeTrue(MIB > 0, "-Pfetch-bench sets the size");
    long size = (long) MIB << 20;
    try (RuntimeCluster cluster =
            RuntimeCluster.start(2, (MIB + 256) + "M", "--rpc", "--rpc-socket-port", "0");
        VineyardClient client1 = Vineyard.connect(cluster.get(0).socket);
        VineyardClient client2 = Vineyard.connect(cluster.get(1).socket)) {
      ClusterSeedTest.awaitEndpoints(client1, client2);
      ObjectId blob;
      CRC32C crc = new CRC32C();
      try (BlobWriter w = client1.createBlob(size)) {
        MemorySegment s = w.segment();
        for (long off = 0; off < size; off += 8) {
          s.set(ValueLayout.JAVA_LONG_UNALIGNED, off, off * 0x9E3779B97F4A7C15L);
        }
        crc.update(s.asByteBuffer());
        blob = w.seal();
      }
      ObjectMeta holder =
          client1.createMetadata(
              ObjectMeta.builder("bench::Payload")
                  .nbytes(size)
                  .member("buffer_", ObjectMeta.blob(blob, size, client1.instanceId()))
                  .build());
      client1.persist(holder.id());
      for (int run = 1; run <= 3; run++) {
        long t0 = System.nanoTime();
        ObjectId copy = client2.migrate(holder.id());
        long ns = System.nanoTime() - t0;
        assertNotEquals(holder.id(), copy);
        ObjectId copiedBlob = client2.getMeta(copy).member("buffer_").orElseThrow().id();
        ByteBuffer bytes = assertInstanceOf(ByteBuffer.class, client2.get(copiedBlob));
        CRC32C back = new CRC32C();
        back.update(bytes);
        assertEquals(crc.getValue(), back.getValue(), "every byte came");
        System.out.printf(
            "fetch-bench run %d: %d MiB between two instances in %.0f ms (%.2f GiB/s)%n",
            run, MIB, ns / 1e6, (size / (double) (1L << 30)) / (ns / 1e9));
        client2.release(List.of(copiedBlob));
        client2.delete(List.of(copy), false, true);
      }
    }
  }
}
