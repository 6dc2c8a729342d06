package io.vineyard.bench;

import io.vineyard.testkit.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark: this store's runtime, started as users start it ({@code runtime/bin/vineyardd}, as
 * separate processes), measured beside what users would pick instead, every baseline in the same
 * run so that ratios compare like with like (the goals table of {@code bench/README.md}).
 *
 * <p>{@code bench/run [--quick] [--out DIR] [--only SECTION,...] [--jfr DIR]}: prints the table as
 * it goes and writes {@code latest.json}, {@code latest.md} and {@code latest-latency.png} into DIR
 * (default {@code bench/results}). A baseline that is not installed is reported MISSING with the
 * package to install, never as passed. Sections: start, pairs, inprocess, wire, get, large, sweep,
 * jvm, reserved, persist, many. {@code --jfr DIR} records a JFR profile of every runtime started
 * into DIR ({@code jfr view hot-methods FILE} reads one).
 */
public final class Bench {
  final PrintStream out;
  final boolean quick;
  final Results results;
  private final Set<String> only;

  Bench(PrintStream out, boolean quick) {
    this(out, quick, Set.of());
  }

  Bench(PrintStream out, boolean quick, Set<String> only) {
    this.out = out;
    this.quick = quick;
    this.only = only;
    this.results = new Results(quick ? "quick" : "full");
  }

  public static void main(String[] args) throws Exception {
    List<String> a = List.of(args);
    boolean quick = a.contains("--quick");
    int o = a.indexOf("--out");
    Path outDir =
        o >= 0 ? Path.of(args[o + 1]) : Folders.repo().resolve("bench").resolve("results");
    int s = a.indexOf("--only");
    Set<String> only = s >= 0 ? Set.of(args[s + 1].split(",")) : Set.of();
    int j = a.indexOf("--jfr");
    if (j >= 0) {
      System.setProperty("vineyard.bench.jfr", args[j + 1]);
    }
    Bench b = new Bench(System.out, quick, only);
    b.run(outDir);
    System.exit(0); // jetcd's and junixsocket's threads are not all daemons
  }

  /** Whether any of these sections runs ({@code --only} names some; by default all run). */
  boolean wants(String... sections) {
    if (only.isEmpty()) {
      return true;
    }
    for (String s : sections) {
      if (only.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private RedisServer redisOrNote() throws IOException, InterruptedException {
    RedisServer r = RedisServer.startIfInstalled();
    if (r == null) {
      note("Redis rows: " + Baselines.missing("redis-server", "redis-server"));
    }
    return r;
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
    String loadBefore = loadAverage();
    long large = quick ? 64L << 20 : 1L << 30;
    LargePuts puts = new LargePuts(this, large);
    try (RedisServer redis = wants("pairs", "wire", "sweep", "jvm") ? redisOrNote() : null) {
      if (wants("start", "pairs", "get", "wire", "large", "sweep", "inprocess")) {
        try (LaunchedRuntime rt = LaunchedRuntime.start(quick ? "1G" : "4G", null, "bench-main")) {
          ClientFigures client = new ClientFigures(this, rt.socket, redis);
          if (wants("start")) {
            StartFigures.startAndIdle(this, rt);
          }
          if (wants("pairs")) {
            client.pairs();
          }
          if (wants("inprocess")) {
            InProcessFigures.measure(this, rt);
          }
          if (wants("wire")) {
            WireFigures.trivialRequest(this, rt.socket, redis);
          }
          if (wants("get")) {
            client.largeGet(large);
          }
          if (wants("large")) {
            puts.measure(rt.socket, false, "P1c", "P1c-fill");
          }
          if (wants("sweep")) {
            Map<String, Object> sweep = client.sweep(large);
            extra.put("latency_by_size", sweep);
            LatencyPlot.write(sweep, outDir.resolve("latest-latency.png"));
          }
        }
      }
      if (wants("jvm")) {
        embedded(redis);
      }
    }
    if (wants("reserved")) {
      try (LaunchedRuntime rt =
          LaunchedRuntime.start(quick ? "1G" : "5G", null, "bench-reserved", "--reserve-memory")) {
        puts.measure(rt.socket, true, "P1", "P1b");
      }
    }
    if (wants("persist")) {
      try (EtcdCluster etcd = EtcdCluster.startIfInstalled();
          PersistFigures.Cluster cluster = PersistFigures.Cluster.start(3)) {
        if (etcd == null) {
          note("etcd rows: " + Baselines.missing("etcd", "etcd-server"));
        }
        PersistFigures.measure(this, cluster.runtimes(), etcd);
      }
    }
    if (wants("many")) {
      ManyObjects.measure(this);
    }
    extra.put("seconds", (System.nanoTime() - t0) / 1e9);
    String load =
        "load average (1, 5, 15 min) "
            + loadBefore
            + " at the start, "
            + loadAverage()
            + " at the end";
    extra.put("load", load);
    results.printTable(out);
    results.writeJson(outDir.resolve("latest.json"), extra);
    results.writeMarkdown(
        outDir.resolve("latest.md"),
        String.format(
            "%d cores, %s; took %.0f s. Ratios compare figures of this one run; absolute"
                + " figures vary with the machine and its load. The plot: latest-latency.png.",
            Runtime.getRuntime().availableProcessors(), load, (System.nanoTime() - t0) / 1e9));
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

  /** The first three fields of /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
