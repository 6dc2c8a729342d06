package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** shrink_buffer and is_in_use at the store: the tail really goes back to the allocator. */
class BlobShrinkTest {
  private static final long MIB = 1 << 20;
  private ShmFolder folder;
  private BulkStore store;

  @BeforeEach
  void open() throws Exception {
    folder = new ShmFolder();
    store = BulkStores.open(folder.storeDir(), 4 * MIB);
  }

  @AfterEach
  void close() throws Exception {
    try {
      store.close();
    } finally {
      folder.close();
    }
  }

  private static ObjectId blob(long n) {
    return ObjectId.of(ObjectId.BLOB_BIT | n);
  }

  @Test
  void shrinkFreesTheTailForTheNextAllocation() {
    BlobHandle big = store.create(1, blob(1), 3 * MIB);
    assertThrows(
        VineyardException.NotEnoughMemory.class,
        () -> store.create(1, blob(2), 2 * MIB),
        "4 MiB store, 3 MiB taken");
    assertEquals(2 * MIB, store.shrink(1, blob(1), MIB));
    assertEquals(MIB, store.used());
    assertEquals(MIB, store.find(blob(1)).orElseThrow().size());
    BlobHandle next = store.create(1, blob(2), 2 * MIB);
    assertEquals(big.offset() + MIB, next.offset(), "the tail is allocated again");
    store.seal(1, blob(1));
    assertEquals(MIB, store.acquire(2, blob(1), false).size());
    store.release(2, blob(1));
    assertTrue(store.delete(blob(1)));
    assertEquals(2 * MIB, store.used(), "the shrunk blob frees what it kept");
  }

  @Test
  void shrinkToTheSameSizeOrToNothing() {
    store.create(1, blob(1), 1000);
    assertEquals(0, store.shrink(1, blob(1), 1000));
    assertEquals(1024, store.used());
    assertEquals(960, store.shrink(1, blob(1), 0));
    assertEquals(64, store.used(), "a blob shrunk to nothing keeps its place");
    store.drop(1, blob(1));
    assertEquals(0, store.used());
  }

  @Test
  void shrinkRefusesSealedUnknownAndGrowing() {
    store.create(1, blob(1), 1000);
    var grow = assertThrows(VineyardException.Invalid.class, () -> store.shrink(1, blob(1), 1001));
    assertTrue(grow.getMessage().contains("1000 bytes to 1001"), grow.getMessage());
    assertThrows(VineyardException.Invalid.class, () -> store.shrink(1, blob(1), -1));
    store.seal(1, blob(1));
    assertThrows(VineyardException.ObjectSealed.class, () -> store.shrink(1, blob(1), 10));
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.shrink(1, blob(9), 10));
  }

  @Test
  void inUseFollowsReferences() {
    store.create(1, blob(1), 100);
    assertFalse(store.inUse(blob(1)));
    store.seal(1, blob(1));
    store.acquire(2, blob(1), false);
    assertTrue(store.inUse(blob(1)));
    store.release(2, blob(1));
    assertFalse(store.inUse(blob(1)));
    assertFalse(store.inUse(ObjectId.EMPTY_BLOB));
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.inUse(blob(7)));
  }
}
