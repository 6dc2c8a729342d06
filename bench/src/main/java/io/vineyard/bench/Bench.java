package io.vineyard.bench;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.testkit.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark: this store's runtime, started as users start it ({@code runtime/bin/vineyardd}, as
 * separate processes), measured beside what users would pick instead, every baseline in the same
 * run so that ratios compare like with like (the goals table of {@code bench/README.md}).
 *
 * <p>{@code bench/run [--quick] [--out DIR]}: prints the table as it goes and writes {@code
 * latest.json}, {@code latest.md} and {@code latest-latency.png} into DIR (default {@code
 * bench/results}). A baseline that is not installed is reported MISSING with the package to
 * install, never as passed.
 */
public final class Bench {
  final PrintStream out;
  final boolean quick;
  final Results results;

  Bench(PrintStream out, boolean quick) {
    this.out = out;
    this.quick = quick;
    this.results = new Results(quick ? "quick" : "full");
  }

  public static void main(String[] args) throws Exception {
    List<String> a = List.of(args);
    boolean quick = a.contains("--quick");
    int o = a.indexOf("--out");
    Path outDir =
        o >= 0 ? Path.of(args[o + 1]) : Folders.repo().resolve("bench").resolve("results");
    Bench b = new Bench(System.out, quick);
    b.run(outDir);
    System.exit(0); // jetcd's and junixsocket's threads are not all daemons
  }

  void add(Measure m) {
    results.add(m, out);
  }

  void note(String text) {
    results.note(text, out);
  }

  /** Runs every section and writes the result files into {@code outDir}; returns the rows. */
  List<Measure> run(Path outDir) throws Exception {
    long t0 = System.nanoTime();
    Files.createDirectories(outDir);
    out.printf(
        "vineyard bench (%s run), %d cores; runtime processes started with runtime/bin/vineyardd%n",
        quick ? "quick" : "full", Runtime.getRuntime().availableProcessors());
    Map<String, Object> extra = new LinkedHashMap<>();
    try (RedisServer redis = RedisServer.startIfInstalled()) {
      if (redis == null) {
        note("Redis rows: " + Baselines.missing("redis-server", "redis-server"));
      }
      long large = quick ? 64L << 20 : 1L << 30;
      LargePuts puts;
      try (LaunchedRuntime rt = LaunchedRuntime.start(quick ? "1G" : "4G", null, "bench-main")) {
        StartFigures.startAndIdle(this, rt);
        ClientFigures client = new ClientFigures(this, rt.socket, redis);
        client.pairs();
        client.largeGet(large);
        WireFigures.trivialRequest(this, rt.socket, redis);
        puts = new LargePuts(this, large);
        puts.measure(rt.socket, false, "P1c", "P1c-fill");
        Map<String, Object> sweep = client.sweep(large);
        extra.put("latency_by_size", sweep);
        LatencyPlot.write(sweep, outDir.resolve("latest-latency.png"));
      }
      embedded(redis);
    }
    extra.put("seconds", (System.nanoTime() - t0) / 1e9);
    results.printTable(out);
    results.writeJson(outDir.resolve("latest.json"), extra);
    results.writeMarkdown(
        outDir.resolve("latest.md"),
        String.format(
            "%d cores; took %.0f s. Ratios compare figures of this one run; the machine may be"
                + " shared, so absolute figures vary between runs.",
            Runtime.getRuntime().availableProcessors(), (System.nanoTime() - t0) / 1e9));
    out.printf("bench: wrote %s (%.0f s)%n", outDir, (System.nanoTime() - t0) / 1e9);
    return results.measures();
  }

  /** The in-JVM server's row, labelled as such: what this bench measured before. */
  private void embedded(RedisServer redis) throws IOException {
    Path dir = Folders.temp("vineyard-bench-jvm");
    Path shm = Folders.shm("vineyard-bench-jvm");
    try (EmbeddedServer server =
        EmbeddedServer.start(dir.resolve("bench.sock"), shm.resolve("arenas"), 256L << 20)) {
      double redisPairs =
          results.measures().stream()
              .filter(m -> m.id().equals("P3") && m.baselineValue() != null)
              .mapToDouble(Measure::baselineValue)
              .findFirst()
              .orElse(Double.NaN);
      new ClientFigures(this, server.socket(), redis).embeddedRow(server.socket(), redisPairs);
    } finally {
      Folders.delete(dir);
      Folders.delete(shm);
    }
  }

  /** A blob of 16 B that exists, for loops of trivial requests. */
  static ObjectId presentBlob(VineyardClient c) {
    return c.put(new byte[16]);
  }

  static VineyardClient connect(Path socket) {
    return Vineyard.connect(socket);
  }
}
