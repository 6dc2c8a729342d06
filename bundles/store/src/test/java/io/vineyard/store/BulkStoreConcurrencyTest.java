package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.api.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BulkStoreConcurrencyTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 3000;

  @Test
  void concurrentLifecyclesLeaveNothingAllocated() throws Exception {
    try (ShmFolder folder = new ShmFolder();
        BulkStore store = BulkStores.open(folder.storeDir(), 64L << 20);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long connection = t;
        done.add(
            pool.submit(
                () -> {
                  Random rnd = new Random(connection);
                  for (int i = 0; i < ROUNDS; i++) {
                    ObjectId id = ObjectId.of(ObjectId.BLOB_BIT | connection << 32 | (i + 1));
                    store.create(connection, id, 1 + rnd.nextInt(16384));
                    switch (rnd.nextInt(4)) {
                      case 0 -> {} // left unsealed: freed when the connection goes
                      case 1 -> store.drop(connection, id);
                      default -> {
                        store.seal(connection, id);
                        long reader = 100 + connection;
                        store.acquire(reader, id, false);
                        store.delete(id);
                        store.release(reader, id);
                      }
                    }
                  }
                  store.disconnect(connection);
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertEquals(0, store.blobCount());
      assertEquals(0, store.used());
    }
  }
}
