package io.vineyard.itests.inprocess.arrow;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.plugin.arrow.StoreAllocator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A user's DS component deployed into the runtime (ArrowInProcessTest packs it as a bundle with the
 * hand-written descriptor in {@code resources/arrow-inprocess-bundle}): inside Felix, through the
 * runtime's Arrow plugin bundle, it builds a batch with the store allocator, puts it, gets it back
 * as vectors over the shared memory, and leaves an {@code itests::ArrowInProcessReport} that the
 * test reads over the socket.
 */
public final class ArrowInProcessUser {
  /** Rows of the batch put from inside the runtime. */
  public static final int ROWS = 1000;

  /** Injected by DS (field reference). */
  private VineyardClient client;

  void activate() {
    ObjectId id;
    long sum = 0;
    try (BufferAllocator store = StoreAllocator.create(client);
        BigIntVector squares = new BigIntVector("squares", store)) {
      squares.allocateNew(ROWS);
      for (int i = 0; i < ROWS; i++) {
        squares.set(i, (long) i * i);
      }
      VectorSchemaRoot batch = VectorSchemaRoot.of(squares);
      batch.setRowCount(ROWS);
      id = client.put(batch);
    }
    try (VectorSchemaRoot back = (VectorSchemaRoot) client.get(id)) {
      BigIntVector v = (BigIntVector) back.getVector("squares");
      for (int i = 0; i < back.getRowCount(); i++) {
        sum += v.get(i);
      }
      client.createMetadata(
          ObjectMeta.builder("itests::ArrowInProcessReport")
              .put("rows", (long) back.getRowCount())
              .put("sum", sum)
              .member("batch_", client.getMeta(id))
              .build());
    }
  }
}
