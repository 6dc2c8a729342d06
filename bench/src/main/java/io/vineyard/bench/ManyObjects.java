package io.vineyard.bench;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P6: many small objects (16 B blobs) in one runtime: the runtime's heap per object (heap in use
 * after a full GC, through {@code jcmd PID GC.run} and {@code GC.heap_info}, at 1k objects and at
 * the full count) and {@code getObject} p50 of random objects at 1k against the full count.
 */
final class ManyObjects {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final int FIRST = 1_000;

  private ManyObjects() {}

  static void measure(Bench bench) throws Exception {
    int total = bench.quick ? 20_000 : 1_000_000;
    String count = total >= 1_000_000 ? (total / 1_000_000) + "M" : (total / 1_000) + "k";
    try (LaunchedRuntime rt = LaunchedRuntime.start("2G", null, "bench-many")) {
      List<ObjectId> ids = new ArrayList<>(total);
      fill(rt, ids, FIRST);
      double heapFirst = heapUsedKiB(rt.pid());
      double p50First = getP50(rt, ids);
      long t0 = System.nanoTime();
      fill(rt, ids, total);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double heapAll = heapUsedKiB(rt.pid());
      double p50All = getP50(rt, ids);
      double perObject = (heapAll - heapFirst) * 1024 / (total - FIRST);
      bench.add(
          Measure.alone(
              "P6",
              "runtime heap per object, " + count + " 16 B blobs in one instance",
              perObject,
              "B",
              Goal.valueAtMost(1024, "B")));
      bench.add(
          Measure.compared(
              "P6-get",
              "getObject p50 at " + count + " objects",
              p50All,
              "µs",
              "getObject p50 at 1k objects",
              p50First,
              Goal.ratioAtMost(1.2)));
      bench.add(
          Measure.alone(
              "P6-fill",
              "puts/s filling it (8 clients)",
              (total - FIRST) / seconds,
              "puts/s",
              null));
    }
  }

  /** Puts 16 B blobs from 8 clients until {@code ids} holds {@code upTo}. */
  private static void fill(LaunchedRuntime rt, List<ObjectId> ids, int upTo) {
    int clients = 8;
    int each = (upTo - ids.size()) / clients;
    List<List<ObjectId>> made = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      made.add(new ArrayList<>(each));
    }
    int[] next = {0};
    Loops.opsPerSecond(
        clients,
        each,
        () -> {
          int me;
          synchronized (next) {
            me = next[0]++;
          }
          VineyardClient c = Vineyard.connect(rt.socket);
          List<ObjectId> mine = made.get(me);
          byte[] v = new byte[16];
          return i -> {
            mine.add(c.put(v));
            if (i == each - 1) {
              c.close(); // the blobs stay: a client's puts outlive it
            }
          };
        });
    made.forEach(ids::addAll);
  }

  private static double getP50(LaunchedRuntime rt, List<ObjectId> ids) {
    Random random = new Random(42);
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      long[] t =
          Loops.samples(
              3_000,
              2_000,
              i -> {
                Blob b = c.getObject(ids.get(random.nextInt(ids.size())), Blob.class);
                if (b.size() != 16) {
                  throw new IllegalStateException("a 16 B blob of " + b.size() + " B");
                }
              });
      return Loops.percentileMicros(t, 50);
    }
  }

  private static java.nio.file.Path jcmd() {
    return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd");
  }

  /** Heap in use after a full GC, KiB. */
  private static double heapUsedKiB(long pid) throws IOException, InterruptedException {
    run(pid, "GC.run");
    String info = run(pid, "GC.heap_info");
    Matcher m = USED.matcher(info);
    if (!m.find()) {
      throw new IOException("no heap use in jcmd GC.heap_info:\n" + info);
    }
    return Long.parseLong(m.group(1));
  }

  private static String run(long pid, String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(jcmd().toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " " + command + " failed:\n" + out);
    }
    return out;
  }
}
