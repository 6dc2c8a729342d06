package io.vineyard.bench;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.testkit.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Put/get figures of one instance, measured in one run so that ratios compare like with like: the
 * IPC round trip, a small put+get, put throughput against a plain heap→off-heap copy (fresh and
 * reused shared memory), and get latency of a small against a large blob.
 */
public final class Bench {
  private final PrintStream out;
  private final boolean quick;
  private final List<String> figures = new ArrayList<>();

  Bench(PrintStream out, boolean quick) {
    this.out = out;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    int s = List.of(args).indexOf("--socket");
    Bench b = new Bench(System.out, quick);
    if (s >= 0) {
      b.run(Path.of(args[s + 1]));
    } else {
      b.runOwnInstance();
    }
  }

  /** Runs against an instance of its own in temporary folders; returns the figure lines printed. */
  List<String> runOwnInstance() throws Exception {
    Path dir = Files.createTempDirectory("vineyard-bench");
    Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-bench");
    long size = quick ? 256L << 20 : 3L << 30;
    try (EmbeddedServer server =
        EmbeddedServer.start(dir.resolve("bench.sock"), shm.resolve("arenas"), size)) {
      return run(server.socket());
    } finally {
      for (Path p : List.of(dir, shm)) {
        try (Stream<Path> w = Files.walk(p)) {
          w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }

  List<String> run(Path socket) throws IOException {
    int small = quick ? 2_000 : 50_000;
    long large = quick ? 32L << 20 : 1L << 30;
    out.printf(
        "vineyard bench (%s): socket %s, %d small ops, large blob %d MiB%n",
        quick ? "quick" : "full", socket, small, large >> 20);
    try (VineyardClient writer = Vineyard.connect(socket);
        VineyardClient reader = Vineyard.connect(socket)) {
      roundTrip(writer, small);
      smallPutGet(writer, reader, small);
      throughput(writer, reader, large);
    }
    return figures;
  }

  private void figure(String name, double value, String unit) {
    String line = String.format("%-44s %12.2f %s", name, value, unit);
    figures.add(line);
    out.println(line);
  }

  private void roundTrip(VineyardClient c, int n) {
    for (int i = 0; i < n / 4; i++) {
      c.exists(ObjectId.EMPTY_BLOB); // warm-up
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      c.exists(ObjectId.EMPTY_BLOB);
    }
    figure("IPC round trip (exists)", (System.nanoTime() - t0) / 1e3 / n, "us/op");
  }

  private void smallPutGet(VineyardClient writer, VineyardClient reader, int n) {
    byte[] value = new byte[16];
    List<ObjectId> ids = new ArrayList<>(n);
    for (int round = 0; round < 2; round++) { // round 0 warms up
      ids.clear();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        value[0] = (byte) i;
        ObjectId id = writer.put(value);
        ByteBuffer got = (ByteBuffer) reader.get(id);
        if (got.get(0) != (byte) i) {
          throw new IllegalStateException("read back the wrong bytes for " + id);
        }
        ids.add(id);
      }
      long elapsed = System.nanoTime() - t0;
      // no release: the reader's buffers give their blobs back once they are collected
      writer.delete(ids.toArray(ObjectId[]::new));
      if (round == 1) {
        figure("16-byte put + get from another client", elapsed / 1e3 / n, "us/op");
      }
    }
  }

  private void throughput(VineyardClient writer, VineyardClient reader, long size) {
    byte[] chunk = new byte[8 << 20];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) (i * 31);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment plain = arena.allocate(size, 64);
      copyChunks(chunk, plain); // first touch of private memory
      long t0 = System.nanoTime();
      copyChunks(chunk, plain);
      figure("baseline: heap -> off-heap copy, warm", gbps(size, System.nanoTime() - t0), "GB/s");
    }
    ObjectId first = putLarge(writer, chunk, size, "put into fresh shared memory (first touch)");
    writer.delete(first);
    ObjectId second = putLarge(writer, chunk, size, "put into reused shared memory");

    ObjectId tiny = writer.put(new byte[1024]);
    double tinyMicros = getMicros(reader, tiny);
    double largeMicros = getMicros(reader, second);
    figure("getObject of a 1 KiB blob (mapped, no copy)", tinyMicros, "us");
    figure("getObject of the large blob (mapped, no copy)", largeMicros, "us");
    figure("get latency ratio large / 1 KiB", largeMicros / tinyMicros, "x");
    try (Blob blob = reader.getObject(second, Blob.class)) {
      long t0 = System.nanoTime();
      long sum = 0;
      MemorySegment seg = blob.segment();
      for (long i = 0; i < seg.byteSize(); i += 8) {
        sum += seg.get(ValueLayout.JAVA_LONG_UNALIGNED, i);
      }
      figure(
          "reader scans the large blob in place",
          gbps(size, System.nanoTime() - t0),
          "GB/s (sum " + (sum & 0xff) + ")");
    } // closing the view releases the large blob at once
    writer.delete(tiny, second);
  }

  private ObjectId putLarge(VineyardClient c, byte[] chunk, long size, String name) {
    long t0 = System.nanoTime();
    ObjectId id;
    try (BlobWriter w = c.createBlob(size)) {
      copyChunks(chunk, w.segment());
      id = w.seal();
    }
    figure(name, gbps(size, System.nanoTime() - t0), "GB/s");
    return id;
  }

  private static double getMicros(VineyardClient c, ObjectId id) {
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      Blob b = c.getObject(id, Blob.class);
      if (b.size() < 0) {
        throw new IllegalStateException();
      }
      best = Math.min(best, (System.nanoTime() - t0) / 1e3);
    }
    return best;
  }

  private static void copyChunks(byte[] chunk, MemorySegment dst) {
    for (long off = 0; off < dst.byteSize(); off += chunk.length) {
      int n = (int) Math.min(chunk.length, dst.byteSize() - off);
      MemorySegment.copy(chunk, 0, dst, ValueLayout.JAVA_BYTE, off, n);
    }
  }

  private static double gbps(long bytes, long nanos) {
    return bytes / (double) nanos;
  }
}
