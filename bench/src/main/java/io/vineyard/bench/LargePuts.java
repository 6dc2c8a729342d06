package io.vineyard.bench;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * The P1 family: putting a large {@code byte[]} or {@code double[]} into a runtime, and creating a
 * blob and filling it in place, each against a plain in-JVM heap→off-heap copy of the same bytes
 * into warm memory (the fastest a put could be). Each put goes into memory just freed by the
 * previous one (a runtime without reserved memory gives those pages back, so they are fresh).
 */
final class LargePuts {
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

  /** The rows of one runtime: put byte[], put double[], create and fill in place. */
  void measure(Path socket, boolean reserved, String idPut, String idFill) {
    double base = copyBaseline();
    String how = reserved ? "memory reserved (--reserve-memory)" : "no memory reserved";
    try (VineyardClient c = Vineyard.connect(socket)) {
      c.delete(c.put(new byte[4096])); // maps the arena: not part of the figures
      double put = best(() -> c.put(bytes), c);
      bench.add(
          Measure.compared(
              idPut,
              "put of a " + mib() + " byte[], " + how,
              put,
              "GB/s",
              "in-JVM copy",
              base,
              reserved ? Goal.ratioAtLeast(0.8) : Goal.ratioAtLeast(0.3)));
      double putDoubles = best(() -> c.put(doubles), c);
      bench.add(
          Measure.compared(
              idPut + "-double",
              "put of a " + mib() + " double[], " + how,
              putDoubles,
              "GB/s",
              "in-JVM copy",
              base,
              reserved ? Goal.ratioAtLeast(0.8) : Goal.ratioAtLeast(0.3)));
      double fill =
          best(
              () -> {
                try (BlobWriter w = c.createBlob(size)) {
                  MemorySegment.copy(bytes, 0, w.segment(), ValueLayout.JAVA_BYTE, 0, bytes.length);
                  return w.seal();
                }
              },
              c);
      bench.add(
          Measure.compared(
              idFill,
              "create a " + mib() + " blob and fill it in place, " + how,
              fill,
              "GB/s",
              "in-JVM copy",
              base,
              reserved ? Goal.ratioAtLeast(0.9) : null));
    }
  }

  private interface Put {
    ObjectId run();
  }

  private double best(Put put, VineyardClient c) {
    double best = 0;
    for (int r = 0; r < rounds(); r++) {
      long t0 = System.nanoTime();
      ObjectId id = put.run();
      best = Math.max(best, gbps(System.nanoTime() - t0));
      c.delete(id);
    }
    return best;
  }

  private double gbps(long nanos) {
    return size / (double) nanos;
  }
}
