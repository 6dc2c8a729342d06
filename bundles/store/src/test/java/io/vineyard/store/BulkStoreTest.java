package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BulkStoreTest {
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

  static ObjectId blob(long n) {
    return ObjectId.of(ObjectId.BLOB_BIT | n);
  }

  @Test
  void createSealAcquireReleaseDeleteFreesMemory() {
    BlobHandle h = store.create(1, blob(1), 1000);
    assertEquals(store.arenas().get(0).fd(), h.storeFd());
    assertEquals(4 * MIB, h.mapSize());
    assertEquals(0, h.offset() % 64);
    assertEquals(1000, h.size());
    assertFalse(h.sealed());
    assertEquals(1, h.creator());
    assertEquals(1024, store.used(), "aligned to 64 bytes");
    store.seal(1, blob(1));
    BlobHandle got = store.acquire(2, blob(1), false);
    assertTrue(got.sealed());
    assertEquals(h.offset(), got.offset());
    store.release(2, blob(1));
    assertEquals(1024, store.used(), "a sealed blob lives until deleted");
    assertTrue(store.delete(blob(1)));
    assertEquals(0, store.used());
    assertEquals(0, store.blobCount());
    assertFalse(store.contains(blob(1)));
    assertFalse(store.delete(blob(1)));
  }

  @Test
  void deleteWhileReferencedFreesAtLastRelease() {
    store.create(1, blob(1), 100);
    store.seal(1, blob(1));
    store.acquire(2, blob(1), false);
    store.acquire(2, blob(1), false); // one reference per connection, as vineyardd's dependencies
    store.acquire(3, blob(1), false);
    assertTrue(store.delete(blob(1)));
    assertFalse(store.contains(blob(1)));
    assertEquals(Optional.empty(), store.find(blob(1)));
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.acquire(4, blob(1), false));
    assertThrows(
        VineyardException.ObjectExists.class,
        () -> store.create(1, blob(1), 64),
        "id still referenced");
    store.release(2, blob(1));
    assertEquals(128, store.used());
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.release(2, blob(1)));
    store.release(3, blob(1));
    assertEquals(0, store.used());
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.release(3, blob(1)));
  }

  @Test
  void disconnectFreesUnsealedBlobsAndReleasesReferences() {
    store.create(1, blob(1), 100); // stays unsealed
    store.create(1, blob(2), 100);
    store.seal(1, blob(2));
    store.acquire(1, blob(2), false);
    store.acquire(2, blob(2), false);
    store.acquire(2, blob(1), true); // an unsafe read keeps nothing alive
    store.create(3, blob(3), 100);
    store.seal(3, blob(3));
    store.acquire(1, blob(3), false);
    store.delete(blob(2));
    store.delete(blob(3));
    assertEquals(384, store.used());

    store.disconnect(1);
    assertFalse(store.contains(blob(1)), "its unsealed blob is freed");
    assertEquals(128, store.used(), "blob 2 is still held by connection 2; blob 3 is freed");
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.release(2, blob(1)));
    store.disconnect(2);
    assertEquals(0, store.used());
    store.disconnect(2);
    store.disconnect(99);
  }

  @Test
  void sealedBlobsSurviveTheirCreator() {
    store.create(1, blob(1), 100);
    store.seal(1, blob(1));
    store.disconnect(1);
    assertTrue(store.contains(blob(1)));
    assertEquals(128, store.used());
  }

  @Test
  void anyConnectionMaySealAndSealingTwiceDoesNothing() {
    store.create(1, blob(1), 10);
    store.seal(2, blob(1)); // vineyardd checks no owner on seal
    store.disconnect(1);
    assertTrue(store.contains(blob(1)), "sealed: no longer freed with its creator");
    store.seal(1, blob(1)); // idempotent, as vineyardd's
    assertTrue(store.find(blob(1)).orElseThrow().sealed());
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.seal(1, blob(2)));
  }

  @Test
  void acquireUnsealedOnlyWhenAllowed() {
    store.create(1, blob(1), 10);
    assertThrows(VineyardException.ObjectNotSealed.class, () -> store.acquire(2, blob(1), false));
    BlobHandle h = store.acquire(2, blob(1), true);
    assertFalse(h.sealed());
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.acquire(2, blob(9), true));
  }

  @Test
  void createBeyondTheLimitFailsAndLeaksNothing() {
    store.create(1, blob(1), 3 * MIB);
    long used = store.used();
    VineyardException.NotEnoughMemory e =
        assertThrows(
            VineyardException.NotEnoughMemory.class, () -> store.create(1, blob(2), 2 * MIB));
    assertTrue(e.getMessage().contains(blob(2).toString()), e.getMessage());
    assertTrue(e.getMessage().contains("requested 2097152 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("of 4194304 bytes in use"), e.getMessage());
    assertTrue(e.getMessage().contains("raise --size"), e.getMessage());
    assertThrows(VineyardException.NotEnoughMemory.class, () -> store.create(1, blob(3), 64 * MIB));
    assertEquals(used, store.used());
    assertEquals(1, store.blobCount());
    assertFalse(store.contains(blob(2)));
    store.create(1, blob(2), MIB);
    assertEquals(4 * MIB, store.used());
  }

  @Test
  void sizeZeroIsTheEmptyBlob() {
    BlobHandle h = store.create(1, blob(5), 0);
    assertEquals(new BlobHandle(ObjectId.EMPTY_BLOB, -1, 0, 0, 0, true, -1), h);
    assertEquals(0, store.used());
    assertEquals(0, store.blobCount());
    assertFalse(store.contains(blob(5)));
    assertTrue(store.contains(ObjectId.EMPTY_BLOB));
    assertEquals(Optional.of(h), store.find(ObjectId.EMPTY_BLOB));
    store.seal(1, ObjectId.EMPTY_BLOB);
    assertEquals(h, store.acquire(2, ObjectId.EMPTY_BLOB, false));
    store.release(2, ObjectId.EMPTY_BLOB);
    assertFalse(store.delete(ObjectId.EMPTY_BLOB));
    assertTrue(store.blobs().isEmpty());
  }

  @Test
  void invalidCreatesAreRejected() {
    assertThrows(VineyardException.Invalid.class, () -> store.create(1, blob(1), -1));
    assertThrows(VineyardException.Invalid.class, () -> store.create(1, ObjectId.of(42), 10));
    assertThrows(VineyardException.Invalid.class, () -> store.create(1, ObjectId.EMPTY_BLOB, 10));
    store.create(1, blob(1), 10);
    assertThrows(VineyardException.ObjectExists.class, () -> store.create(2, blob(1), 10));
    assertEquals(64, store.used());
  }

  @Test
  void dropFreesOnlyUnsealedBlobsOfTheCreator() {
    store.create(1, blob(1), 100);
    store.acquire(2, blob(1), true);
    assertThrows(VineyardException.Invalid.class, () -> store.drop(2, blob(1)));
    store.drop(1, blob(1));
    assertEquals(0, store.used(), "references of others do not keep an unsealed blob");
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.release(2, blob(1)));
    assertThrows(VineyardException.ObjectNotExists.class, () -> store.drop(1, blob(1)));
    store.create(1, blob(2), 100);
    store.seal(1, blob(2));
    assertThrows(VineyardException.ObjectSealed.class, () -> store.drop(1, blob(2)));
  }

  @Test
  void findAndBlobsTakeNoReference() {
    store.create(1, blob(1), 10);
    store.create(1, blob(2), 20);
    store.seal(1, blob(2));
    assertEquals(2, store.blobs().size());
    assertEquals(20, store.find(blob(2)).orElseThrow().size());
    assertTrue(store.delete(blob(2)));
    assertEquals(64, store.used(), "find took no reference");
    assertEquals(List.of(blob(1)), store.blobs().stream().map(BlobHandle::id).toList());
  }

  @Test
  void arenasAreFoundByFd() {
    ArenaFile a = store.arenas().get(0);
    assertEquals(a, store.arena(a.fd()));
    assertEquals(4 * MIB, a.size());
    assertEquals(folder.storeDir().resolve("arena-0"), a.path());
    assertThrows(VineyardException.Invalid.class, () -> store.arena(a.fd() + 1000));
  }
}
