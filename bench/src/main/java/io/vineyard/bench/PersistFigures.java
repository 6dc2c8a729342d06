package io.vineyard.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * P4 and P4c: {@code persist} in a cluster of three launched runtimes (one discovery folder, so
 * they form one Raft group on loopback) against {@code put} in a 3-member etcd on loopback through
 * a kept-alive jetcd client. Only the persist is timed: the objects are created beforehand.
 */
final class PersistFigures {
  private static final String VALUE = "x".repeat(100);

  private PersistFigures() {}

  static void measure(Bench bench, List<LaunchedRuntime> cluster, EtcdCluster etcd)
      throws Exception {
    int n = bench.quick ? 40 : 300;
    double ours;
    try (VineyardClient c = Vineyard.connect(cluster.getFirst().socket)) {
      List<ObjectId> ids = created(c, n + 20);
      long[] t = Loops.samples(20, n, i -> c.persist(ids.get((int) i)));
      ours = Loops.percentileMicros(t, 50) / 1e3;
    }
    Double base = null;
    if (etcd != null) {
      KV kv = etcd.kv();
      long[] t = Loops.samples(20, n, i -> put(kv, "bench/p4/" + i));
      base = Loops.percentileMicros(t, 50) / 1e3;
    }
    String missing = Baselines.missing("etcd", "etcd-server");
    bench.add(
        Measure.compared(
            "P4",
            "persist p50, 3 runtimes on loopback, 1 client",
            ours,
            "ms",
            etcd == null ? missing : "etcd 3 members, put p50, jetcd",
            base,
            Goal.ratioAtMost(0.5)));

    int clients = 16;
    int each = bench.quick ? 5 : 40;
    List<List<ObjectId>> perClient = new ArrayList<>();
    List<VineyardClient> conns = new ArrayList<>();
    try {
      for (int i = 0; i < clients; i++) {
        VineyardClient c = Vineyard.connect(cluster.get(i % cluster.size()).socket);
        conns.add(c);
        perClient.add(created(c, each));
      }
      int[] next = {0};
      double rate =
          Loops.opsPerSecond(
              clients,
              each,
              () -> {
                int me;
                synchronized (next) {
                  me = next[0]++;
                }
                VineyardClient c = conns.get(me);
                List<ObjectId> ids = perClient.get(me);
                return i -> c.persist(ids.get((int) i));
              });
      Double etcdRate = null;
      if (etcd != null) {
        KV kv = etcd.kv();
        int[] t = {0};
        etcdRate =
            Loops.opsPerSecond(
                clients,
                each,
                () -> {
                  int me;
                  synchronized (t) {
                    me = t[0]++;
                  }
                  return i -> put(kv, "bench/p4c/" + me + "/" + i);
                });
      }
      bench.add(
          Measure.compared(
              "P4c",
              "persists/s, 16 clients over the 3 runtimes",
              rate,
              "ops/s",
              etcd == null ? missing : "etcd puts/s, 16 threads, one jetcd client",
              etcdRate,
              Goal.ratioAtLeast(2)));
    } finally {
      conns.forEach(VineyardClient::close);
    }
  }

  private static List<ObjectId> created(VineyardClient c, int n) {
    List<ObjectId> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(
          c.createMetadata(ObjectMeta.builder("bench::Record").put("value", VALUE).build()).id());
    }
    return ids;
  }

  private static void put(KV kv, String key) throws Exception {
    kv.put(EtcdCluster.bytes(key), ByteSequence.from(VALUE.getBytes())).get(30, TimeUnit.SECONDS);
  }

  /** Runtimes that found each other through one temporary discovery folder: one cluster. */
  record Cluster(List<LaunchedRuntime> runtimes, Path discovery) implements AutoCloseable {
    /** Starts {@code n} runtimes, one after the other, in one new discovery folder. */
    static Cluster start(int n) throws Exception {
      Cluster c = new Cluster(new ArrayList<>(), Folders.temp("vineyard-bench-discovery"));
      try {
        for (int i = 0; i < n; i++) {
          c.runtimes.add(LaunchedRuntime.start("256M", c.discovery, "bench-persist"));
        }
        return c;
      } catch (Exception e) {
        c.close();
        throw e;
      }
    }

    @Override
    public void close() {
      runtimes.forEach(LaunchedRuntime::close);
      Folders.delete(discovery);
    }
  }
}
