package io.vineyard.bench;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The P1 family: putting a large {@code byte[]} or {@code double[]} into a runtime, and creating a
 * blob and filling it in place, each against a plain in-JVM heap→off-heap copy of the same bytes
 * into warm memory (the fastest a put could be).
 */
final class LargePuts {
  /**
   * How long a client of a reserved runtime has been connected before the judged puts: its mapping
   * is populated in the background meanwhile, as in a program that connects at start.
   */
  static final long SETTLE_MS = 3000;

  private final Bench bench;
  private final long size;
  private final byte[] bytes;
  private final double[] doubles;
  private double copyGbps = Double.NaN;

  LargePuts(Bench bench, long size) {
    this.bench = bench;
    this.size = size;
    this.bytes = new byte[(int) size];
    for (int i = 0; i < bytes.length; i += 4096) {
      bytes[i] = (byte) i;
    }
    this.doubles = new double[(int) (size / Double.BYTES)];
    for (int i = 0; i < doubles.length; i += 512) {
      doubles[i] = i;
    }
  }

  private int rounds() {
    return bench.quick ? 2 : 3;
  }

  /** The baseline: the heap array copied into warm off-heap memory, best of a few, GB/s. */
  double copyBaseline() {
    if (Double.isNaN(copyGbps)) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment dst = arena.allocate(size, 64);
        double best = 0;
        for (int r = 0; r < rounds() + 1; r++) {
          long t0 = System.nanoTime();
          MemorySegment.copy(bytes, 0, dst, ValueLayout.JAVA_BYTE, 0, bytes.length);
          if (r > 0) { // round 0 faults the pages in
            best = Math.max(best, gbps(System.nanoTime() - t0));
          }
        }
        copyGbps = best;
      }
      bench.add(
          Measure.alone(
              "P1-base",
              "in-JVM heap→off-heap copy of " + mib() + " (warm), the baseline",
              copyGbps,
              "GB/s",
              null));
    }
    return copyGbps;
  }

  private String mib() {
    return size >= 1L << 30 ? (size >> 30) + " GiB" : (size >> 20) + " MiB";
  }

  /**
   * The rows of one runtime: put byte[], put double[], create and fill in place, each into memory
   * no blob of this runtime has used yet (all three are kept until the end, so none reuses the
   * pages of another), as a fresh runtime's first large put would be.
   */
  void measure(Path socket, boolean reserved, String idPut, String idFill)
      throws InterruptedException {
    double base = copyBaseline();
    String how =
        reserved
            ? "memory reserved (--reserve-memory), client connected "
                + SETTLE_MS / 1000
                + " s before"
            : "no memory reserved";
    Goal putGoal = reserved ? Goal.ratioAtLeast(0.8) : Goal.ratioAtLeast(0.3);
    try (VineyardClient c = Vineyard.connect(socket)) {
      List<ObjectId> made = new ArrayList<>();
      made.add(c.put(new byte[4096])); // maps the arena: not part of the figures
      if (reserved) {
        // the put as a connection's first large write, while its mapping is still being
        // populated in the background: an extra row
        double cold = timed(() -> c.put(bytes), made);
        bench.add(
            Measure.compared(
                idPut + "-first",
                "put of a " + mib() + " byte[] right after connecting, memory reserved",
                cold,
                "GB/s",
                "in-JVM copy",
                base,
                null));
        Thread.sleep(SETTLE_MS);
      }
      double put = timed(() -> c.put(bytes), made);
      bench.add(
          Measure.compared(
              idPut,
              "put of a " + mib() + " byte[], " + how,
              put,
              "GB/s",
              "in-JVM copy",
              base,
              putGoal));
      double putDoubles = timed(() -> c.put(doubles), made);
      bench.add(
          Measure.compared(
              idPut + "-double",
              "put of a " + mib() + " double[], " + how,
              putDoubles,
              "GB/s",
              "in-JVM copy",
              base,
              putGoal));
      double fill =
          timed(
              () -> {
                try (BlobWriter w = c.createBlob(size)) {
                  MemorySegment.copy(bytes, 0, w.segment(), ValueLayout.JAVA_BYTE, 0, bytes.length);
                  return w.seal();
                }
              },
              made);
      bench.add(
          Measure.compared(
              idFill,
              "create a " + mib() + " blob and fill it in place, " + how,
              fill,
              "GB/s",
              "in-JVM copy",
              base,
              reserved ? Goal.ratioAtLeast(0.9) : null));
      c.delete(made, false, true); // freed when this client closes (it holds their blobs)
    }
  }

  private interface Put {
    ObjectId run();
  }

  private double timed(Put put, List<ObjectId> made) {
    long t0 = System.nanoTime();
    ObjectId id = put.run();
    long nanos = System.nanoTime() - t0;
    made.add(id);
    return gbps(nanos);
  }

  private double gbps(long nanos) {
    return size / (double) nanos;
  }
}
