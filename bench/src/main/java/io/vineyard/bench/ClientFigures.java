package io.vineyard.bench;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * P2 and the P3 family: our Java client against a runtime's socket beside Redis through Jedis, the
 * same loops driving both ({@link KeyValue}), and the put/get latency sweep the plot draws.
 */
final class ClientFigures {
  private final Bench bench;
  private final Path socket;
  private final RedisServer redis;

  ClientFigures(Bench bench, Path socket, RedisServer redis) {
    this.bench = bench;
    this.socket = socket;
    this.redis = redis;
  }

  private Supplier<KeyValue> ours() {
    return () -> KeyValue.of(Vineyard.connect(socket));
  }

  private Supplier<KeyValue> theirs() {
    return () -> KeyValue.of(redis.connect());
  }

  private Double redisOrNull(Supplier<Double> f) {
    return redis == null ? null : f.get();
  }

  private String redisName(String what) {
    return redis == null ? Baselines.missing("redis-server", "redis-server") : what;
  }

  /** P3, P3c, P3b and the put+get+delete row. */
  void pairs() {
    int n = bench.quick ? 1_000 : 10_000;
    // the runtime's JIT first: C2 compiles the server's request path after some ten thousand
    // requests, and the loop's own warm-up (a few thousand) measured a half-warm server (P3 came
    // out
    // at half the rate of the put+get+delete row that runs after it)
    Loops.pairsPerSecond(ours(), 1, 16, bench.quick ? 1_000 : 20_000, true);
    double ours = Loops.pairsPerSecond(ours(), 1, 16, n, false);
    Double base = redisOrNull(() -> Loops.pairsPerSecond(theirs(), 1, 16, n, false));
    bench.add(
        Measure.compared(
            "P3",
            "16 B put+get pairs/s, Java client, 1 client",
            ours,
            "pairs/s",
            redisName("Redis SET+GET, Jedis"),
            base,
            Goal.ratioAtLeast(1.2)));

    int each = bench.quick ? 40 : 400;
    ours = Loops.pairsPerSecond(ours(), 50, 16, each, false);
    base = redisOrNull(() -> Loops.pairsPerSecond(theirs(), 50, 16, each, false));
    bench.add(
        Measure.compared(
            "P3c",
            "16 B put+get pairs/s, 50 clients",
            ours,
            "pairs/s",
            redisName("Redis SET+GET, 50 Jedis connections"),
            base,
            Goal.ratioAtLeast(1.0)));

    int big = bench.quick ? 50 : 500;
    ours = Loops.pairsPerSecond(ours(), 1, 1 << 20, big, false);
    base = redisOrNull(() -> Loops.pairsPerSecond(theirs(), 1, 1 << 20, big, false));
    bench.add(
        Measure.compared(
            "P3b",
            "1 MiB put+get pairs/s, 1 client",
            ours,
            "pairs/s",
            redisName("Redis SET+GET, Jedis"),
            base,
            Goal.ratioAtLeast(5)));

    int d = bench.quick ? 500 : 5_000;
    ours = Loops.pairsPerSecond(ours(), 1, 16, d, true);
    base = redisOrNull(() -> Loops.pairsPerSecond(theirs(), 1, 16, d, true));
    bench.add(
        Measure.compared(
            "P3d",
            "16 B put+get+delete/s, 1 client (extra row)",
            ours,
            "triples/s",
            redisName("Redis SET+GET+DEL, Jedis"),
            base,
            null));
  }

  /** Put+get pairs of 16 B against an in-JVM server (what the bench measured before): P3's twin. */
  void embeddedRow(Path embeddedSocket, double redisPairs) {
    int n = bench.quick ? 1_000 : 10_000;
    double v =
        Loops.pairsPerSecond(() -> KeyValue.of(Vineyard.connect(embeddedSocket)), 1, 16, n, false);
    bench.add(
        Measure.compared(
            "P3-jvm",
            "16 B put+get pairs/s, in-JVM EmbeddedServer (not the runtime; extra row)",
            v,
            "pairs/s",
            redisName("Redis SET+GET, Jedis"),
            Double.isNaN(redisPairs) ? null : redisPairs,
            null));
  }

  /** P2: getObject of a 1 GiB (quick: 64 MiB) blob against a 4 KiB one, best of 50 each. */
  void largeGet(long largeSize) {
    try (VineyardClient writer = Vineyard.connect(socket);
        VineyardClient reader = Vineyard.connect(socket)) {
      ObjectId small;
      ObjectId large;
      try (var w = writer.createBlob(4096)) {
        small = w.seal();
      }
      try (var w = writer.createBlob(largeSize)) {
        large = w.seal();
      }
      double s = Loops.percentileMicros(Loops.samples(20, 200, i -> get(reader, small)), 50);
      double l = Loops.percentileMicros(Loops.samples(20, 200, i -> get(reader, large)), 50);
      bench.add(
          Measure.compared(
              "P2",
              "getObject p50 of " + (largeSize >> 20) + " MiB vs 4 KiB (mapped)",
              l,
              "µs",
              "4 KiB getObject p50",
              s,
              Goal.ratioAtMost(1.5)));
      writer.delete(small, large);
    }
  }

  private static void get(VineyardClient c, ObjectId id) {
    if (c.getObject(id, Blob.class).size() < 0) {
      throw new IllegalStateException();
    }
  }

  /**
   * Put and get latency (p50, µs) against value size for us and Redis: the plot's series. Each
   * value is put, read back and deleted; p50 of several rounds.
   */
  Map<String, Object> sweep(long maxSize) {
    List<Long> sizes = new ArrayList<>();
    for (long s = 16; s <= maxSize; s *= 16) {
      sizes.add(s);
    }
    if (sizes.getLast() != maxSize) {
      sizes.add(maxSize);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sizes", sizes);
    out.put("ours", sweepOne(ours(), sizes));
    out.put("redis", redis == null ? null : sweepOne(theirs(), sizes));
    return out;
  }

  private Map<String, List<Double>> sweepOne(Supplier<KeyValue> connect, List<Long> sizes) {
    List<Double> put = new ArrayList<>();
    List<Double> get = new ArrayList<>();
    try (KeyValue kv = connect.get()) {
      byte[] small = new byte[16];
      for (int i = 0; i < 2000; i++) { // the JIT of both processes settles first
        kv.delete(List.of(kv.put(small)));
      }
      for (long size : sizes) {
        byte[] value = new byte[(int) Math.min(size, Integer.MAX_VALUE - 8)];
        int rounds = (int) Math.max(3, Math.min(bench.quick ? 20 : 200, (256L << 20) / size));
        long[] puts = new long[rounds];
        long[] gets = new long[rounds];
        for (int r = size >= 64 << 20 ? -1 : -5; r < rounds; r++) {
          long t0 = System.nanoTime();
          Object h = kv.put(value);
          long t1 = System.nanoTime();
          kv.get(h);
          long t2 = System.nanoTime();
          kv.delete(List.of(h));
          if (r >= 0) {
            puts[r] = t1 - t0;
            gets[r] = t2 - t1;
          }
        }
        put.add(Loops.percentileMicros(puts, 50));
        get.add(Loops.percentileMicros(gets, 50));
      }
    }
    return Map.of("put_us", put, "get_us", get);
  }
}
