package io.vineyard.bench;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.io.IOException;
import java.nio.file.Path;
import redis.clients.jedis.Jedis;

/**
 * P3w: a trivial request from a non-Java client loop, one at a time: a C program speaking
 * vineyardd's protocol ({@code exists_request} of a present blob) against the same program speaking
 * RESP ({@code EXISTS} of a present key) to Redis. Same language, same loop shape.
 */
final class WireFigures {
  private WireFigures() {}

  static void trivialRequest(Bench bench, Path socket, RedisServer redis)
      throws IOException, InterruptedException {
    try (WireLoop loop = WireLoop.compileIfPossible()) {
      if (loop == null) {
        bench.add(
            Measure.compared(
                "P3w",
                "trivial request/s (exists), C client loop",
                Double.NaN,
                "req/s",
                Baselines.missing("cc", "gcc"),
                null,
                Goal.ratioAtLeast(1.0)));
        return;
      }
      long n = bench.quick ? 5_000 : 50_000;
      double ours;
      try (VineyardClient c = Vineyard.connect(socket)) {
        ObjectId id = c.put(new byte[16]);
        ours = 1e6 / loop.microsPerRequest("vineyard", socket, id.toUnsignedString(), n);
        c.delete(id);
      }
      Double base = null;
      if (redis != null) {
        try (Jedis j = redis.connect()) {
          j.set("bench:present", "1");
        }
        base = 1e6 / loop.microsPerRequest("redis", redis.socket, "bench:present", n);
      }
      bench.add(
          Measure.compared(
              "P3w",
              "trivial request/s (exists of a present id), C client loop",
              ours,
              "req/s",
              redis == null
                  ? Baselines.missing("redis-server", "redis-server")
                  : "Redis EXISTS, same C loop in RESP",
              base,
              Goal.ratioAtLeast(1.0)));
    }
  }
}
