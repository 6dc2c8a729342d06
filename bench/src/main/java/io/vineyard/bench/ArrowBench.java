package io.vineyard.bench;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.arrow.StoreAllocator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Arrow figures: a record batch of 8 columns (int64 and double, no nulls) of {@code --quick} 64 MiB
 * or 1 GiB. Put with the store allocator (the vectors were written into blobs; put seals them) and
 * put of an ordinary root (one copy), against a plain memory copy of the same bytes; get in a
 * second JVM, against writing the batch as Arrow IPC to a file in /dev/shm and reading it back
 * (what users do without a store). Prints figures, asserts nothing. Run with {@code
 * bench/run-arrow}.
 */
public final class ArrowBench {
  private static final int COLUMNS = 8;
  private final PrintStream out;

  ArrowBench(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 4 && args[0].equals("get")) {
      getInThisProcess(Path.of(args[1]), ObjectId.parse(args[2]), ObjectId.parse(args[3]));
      return;
    }
    new ArrowBench(System.out)
        .runOwnInstance(List.of(args).contains("--quick") ? 64L << 20 : 1L << 30);
  }

  /**
   * Runs against a runtime process of its own (started by the launcher, as users run it, in
   * temporary folders); returns the figure lines. The Arrow IPC baseline's file goes to a temporary
   * folder in /dev/shm.
   */
  List<String> runOwnInstance(long bytes) throws Exception {
    Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-bench");
    try (LaunchedRuntime rt =
        LaunchedRuntime.start(((3 * bytes + (256L << 20)) >> 20) + "M", null, "bench-arrow")) {
      return run(rt.socket, shm, bytes);
    } finally {
      try (Stream<Path> w = Files.walk(shm)) {
        w.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  static VectorSchemaRoot fill(BufferAllocator a, int rows) {
    List<FieldVector> columns = new ArrayList<>();
    for (int c = 0; c < COLUMNS; c++) {
      if (c % 2 == 0) {
        BigIntVector v = new BigIntVector("i" + c, a);
        v.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
          v.set(i, (long) i * (c + 1));
        }
        columns.add(v);
      } else {
        Float8Vector v = new Float8Vector("d" + c, a);
        v.allocateNew(rows);
        for (int i = 0; i < rows; i++) {
          v.set(i, i * 0.5 + c);
        }
        columns.add(v);
      }
      columns.get(c).setValueCount(rows);
    }
    VectorSchemaRoot root = new VectorSchemaRoot(columns);
    root.setRowCount(rows);
    return root;
  }

  List<String> run(Path socket, Path shm, long bytes) throws Exception {
    // a first round on a small batch loads and compiles the code paths (Arrow's classes, Jackson's
    // mapper for the schema text), so that the figures are the steady state's
    new ArrowBench(new PrintStream(java.io.OutputStream.nullOutputStream()))
        .measure(socket, shm, 1L << 20, null);
    try (VineyardClient client = Vineyard.connect(socket);
        BufferAllocator store = StoreAllocator.create(client);
        VectorSchemaRoot small = fill(store, 1024)) {
      return measure(socket, shm, bytes, client.put(small));
    }
  }

  private List<String> measure(Path socket, Path shm, long bytes, ObjectId warmup)
      throws Exception {
    List<String> figures = new ArrayList<>();
    int rows = (int) (bytes / 8 / COLUMNS);
    out.printf("vineyard arrow bench: %d columns x %d rows = %d MiB%n", COLUMNS, rows, bytes >> 20);
    try (VineyardClient client = Vineyard.connect(socket)) {
      // put, store allocator: the fill wrote into blobs, put seals them; best of 3
      ObjectId stored = null;
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        // a connection per round: closing it releases its references, so deleted rounds free memory
        try (VineyardClient c = Vineyard.connect(socket);
            BufferAllocator store = StoreAllocator.create(c);
            VectorSchemaRoot root = fill(store, rows)) {
          long t0 = System.nanoTime();
          ObjectId id = c.put(root);
          best = Math.min(best, System.nanoTime() - t0);
          if (stored != null) {
            c.delete(stored);
          }
          stored = id;
        }
      }
      figures.add(figure("arrow put, store allocator (seal, no copy)", gbps(bytes, best), "GB/s"));
      // put of an ordinary root: one copy per buffer; and the memory-copy baseline, best of 3
      try (BufferAllocator heap = new RootAllocator();
          VectorSchemaRoot root = fill(heap, rows)) {
        best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
          try (VineyardClient c = Vineyard.connect(socket)) {
            long t0 = System.nanoTime();
            ObjectId copied = c.put(root);
            best = Math.min(best, System.nanoTime() - t0);
            c.delete(copied);
          }
        }
        figures.add(figure("arrow put, ordinary root (one copy)", gbps(bytes, best), "GB/s"));
        try (Arena arena = Arena.ofConfined()) {
          long column = bytes / COLUMNS;
          MemorySegment dst = arena.allocate(bytes, 64);
          dst.fill((byte) 1); // pages touched once, as the store's are after the first puts
          best = Long.MAX_VALUE;
          for (int round = 0; round < 3; round++) {
            long t1 = System.nanoTime();
            long at = 0;
            for (FieldVector v : root.getFieldVectors()) {
              MemorySegment.copy(
                  MemorySegment.ofAddress(v.getDataBuffer().memoryAddress()).reinterpret(column),
                  0,
                  dst,
                  at,
                  column);
              at += column;
            }
            best = Math.min(best, System.nanoTime() - t1);
          }
          figures.add(figure("memory copy baseline, same bytes", gbps(bytes, best), "GB/s"));
        }
        // without a store: Arrow IPC through a file in /dev/shm
        Path file = shm.resolve("batch.arrow");
        long t2 = System.nanoTime();
        try (FileChannel ch =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
          w.start();
          w.writeBatch();
          w.end();
        }
        figures.add(
            figure("Arrow IPC file write (/dev/shm)", gbps(bytes, System.nanoTime() - t2), "GB/s"));
        long t3 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
            ArrowFileReader r = new ArrowFileReader(ch, heap)) {
          r.loadNextBatch();
          if (r.getVectorSchemaRoot().getRowCount() != rows) {
            throw new IllegalStateException(
                "read back " + r.getVectorSchemaRoot().getRowCount() + " rows");
          }
        }
        figures.add(
            figure(
                "Arrow IPC file read (/dev/shm, same process)",
                (System.nanoTime() - t3) / 1e3,
                "us"));
        Files.delete(file);
      }
      if (warmup != null) {
        figures.add(
            figure("arrow get in a second JVM", getInAnotherProcess(socket, warmup, stored), "us"));
      }
      client.delete(stored);
    }
    return figures;
  }

  private String figure(String name, double value, String unit) {
    String line = String.format("  %-50s %12.1f %s", name, value, unit);
    out.println(line);
    return line;
  }

  private static double gbps(long bytes, long nanos) {
    return bytes / (double) nanos;
  }

  // the child prints the microseconds its get took
  private static double getInAnotherProcess(Path socket, ObjectId warmup, ObjectId id)
      throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-cp",
            System.getProperty("java.class.path"),
            ArrowBench.class.getName(),
            "get",
            socket.toString(),
            warmup.toString(),
            id.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the get process did not finish in 120 s");
      }
      String text =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("getMicros=(\\d+)").matcher(text);
      if (p.exitValue() != 0 || !m.find()) {
        throw new IllegalStateException("the get process failed:\n" + text);
      }
      return Double.parseDouble(m.group(1));
    } finally {
      p.destroyForcibly();
    }
  }

  // a small batch first: the process has loaded Arrow and mapped the store, as a running service
  // has
  private static void getInThisProcess(Path socket, ObjectId warmup, ObjectId id) {
    try (VineyardClient client = Vineyard.connect(socket)) {
      ((VectorSchemaRoot) client.get(warmup)).close();
      long t0 = System.nanoTime();
      try (VectorSchemaRoot root = (VectorSchemaRoot) client.get(id)) {
        long micros = (System.nanoTime() - t0) / 1000;
        System.out.println("rows=" + root.getRowCount() + " getMicros=" + micros);
      }
    }
  }
}
