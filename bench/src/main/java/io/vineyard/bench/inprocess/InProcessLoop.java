package io.vineyard.bench.inprocess;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * P7's loop, run inside the runtime: a DS component that the bench packs as a bundle (with a
 * descriptor it writes itself) and drops into the runtime's plugins folder. It gets the in-process
 * {@link VineyardClient} service, runs the P3 loop (16 B put, get, deletes in batches of 1000) on
 * its own thread, and leaves a {@code bench::InProcessReport} with the pairs per second, which the
 * bench reads over its socket. Uses only the API package, as any user's bundle would.
 */
public final class InProcessLoop {
  /** Injected by DS (field reference). */
  private VineyardClient client;

  /** The component property {@code pairs} (set in the descriptor) is how many pairs to time. */
  void activate(java.util.Map<String, ?> properties) {
    int n = ((Number) properties.get("pairs")).intValue();
    Thread.ofPlatform().name("bench-in-process").start(() -> run(n));
  }

  private void run(int n) {
    try {
      pairs(Math.max(10, Math.min(2000, n / 2))); // the JIT settles first, as in the P3 loop
      long t0 = System.nanoTime();
      pairs(n);
      double perSecond = n / ((System.nanoTime() - t0) / 1e9);
      client.createMetadata(
          ObjectMeta.builder("bench::InProcessReport")
              .put("pairs_per_s", Double.toString(perSecond))
              .put("pairs", n)
              .build());
    } catch (RuntimeException e) {
      client.createMetadata(
          ObjectMeta.builder("bench::InProcessReport").put("error", e.toString()).build());
    }
  }

  private void pairs(int n) {
    byte[] value = new byte[16];
    List<ObjectId> ids = new ArrayList<>(1000);
    for (int i = 0; i < n; i++) {
      value[0] = (byte) i;
      ObjectId id = client.put(value);
      ByteBuffer back = (ByteBuffer) client.get(id);
      if (back.get(0) != value[0]) {
        throw new IllegalStateException("read back the wrong bytes for " + id);
      }
      ids.add(id);
      if (ids.size() == 1000 || i == n - 1) {
        client.delete(ids, false, true);
        ids.clear();
      }
    }
  }
}
