package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ErrorCode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.posix.Posix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spilling: cold sealed blobs go to disk when the use passes the upper rate and come back with
 * their bytes on the next acquire; evict, load, pin and unpin as vineyardd serves them; spilled
 * blobs kept across a crash.
 */
class SpillTest {
  private static final long LIMIT = 64 * 1024;
  private static final int SIZE = 4000;

  private static void fill(BlobHandle h, int seed) throws Exception {
    MemorySegment map = Posix.mmap(h.storeFd(), h.mapSize(), true);
    try {
      for (long i = 0; i < h.size(); i++) {
        map.set(ValueLayout.JAVA_BYTE, h.offset() + i, (byte) (seed * 31 + i));
      }
    } finally {
      Posix.munmap(map);
    }
  }

  private static void assertBytes(BlobHandle h, int seed) throws Exception {
    MemorySegment map = Posix.mmap(h.storeFd(), h.mapSize(), false);
    try {
      for (long i = 0; i < h.size(); i++) {
        assertEquals(
            (byte) (seed * 31 + i),
            map.get(ValueLayout.JAVA_BYTE, h.offset() + i),
            "blob " + seed + ", byte " + i);
      }
    } finally {
      Posix.munmap(map);
    }
  }

  /** Creates, fills and seals blob {@code n} on connection 1, which keeps no reference. */
  private static ObjectId put(BulkStore store, int n) throws Exception {
    ObjectId id = BulkStoreTest.blob(n);
    fill(store.create(1, id, SIZE), n);
    store.seal(1, id);
    return id;
  }

  private static long spillFiles(Path spill) throws Exception {
    try (Stream<Path> s = Files.walk(spill)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void threeTimesTheLimitGoesInAndComesBackIdentical() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      Path spill = folder.root().resolve("spill");
      try (BulkStore store =
          BulkStores.open(folder.storeDir(), LIMIT, false, SpillSettings.to(spill))) {
        List<ObjectId> ids = new ArrayList<>();
        for (int n = 1; ids.size() * (long) SIZE < 3 * LIMIT; n++) {
          ids.add(put(store, n));
          assertTrue(store.used() <= LIMIT);
        }
        assertTrue(store.isSpilled(ids.get(0)), "the coldest blob is on disk");
        assertFalse(store.isSpilled(ids.get(ids.size() - 1)), "the newest is in memory");
        assertEquals(ids.size(), store.blobCount(), "spilled blobs stay in the table");
        assertTrue(spillFiles(spill) > 0);
        for (int i = 0; i < ids.size(); i++) {
          BlobHandle h = store.acquire(2, ids.get(i), false);
          assertFalse(store.isSpilled(ids.get(i)));
          assertBytes(h, i + 1);
          store.release(2, ids.get(i));
          assertTrue(store.used() <= LIMIT);
        }
        for (ObjectId id : ids) {
          assertTrue(store.delete(id));
        }
        assertEquals(0, store.used());
        assertEquals(0, spillFiles(spill), "deleting a spilled blob deletes its file");
      }
      assertFalse(Files.exists(spill.resolve("vineyard-store")), "no keep: nothing left");
    }
  }

  @Test
  void evictLoadPinAndUnpinAsVineyarddServesThem() throws Exception {
    try (ShmFolder folder = new ShmFolder();
        BulkStore store =
            BulkStores.open(
                folder.storeDir(), LIMIT, false, SpillSettings.to(folder.root().resolve("s")))) {
      ObjectId a = put(store, 1);
      ObjectId b = put(store, 2);
      ObjectId held = put(store, 3);
      store.acquire(5, held, false);
      ObjectId unsealed = BulkStoreTest.blob(4);
      store.create(1, unsealed, 100);
      long used = store.used();

      store.evict(List.of(a, held, BulkStoreTest.blob(99)));
      assertTrue(store.isSpilled(a));
      assertFalse(store.isSpilled(held), "a referenced blob is passed over");
      assertTrue(store.used() < used);
      VineyardException twice =
          assertThrows(VineyardException.class, () -> store.evict(List.of(a, b)));
      assertEquals(ErrorCode.OBJECT_SPILLED, twice.code());
      assertTrue(twice.getMessage().contains(a.toString()), twice.getMessage());
      assertTrue(store.isSpilled(b), "the others are spilled all the same");
      assertThrows(VineyardException.ObjectNotSealed.class, () -> store.evict(List.of(unsealed)));

      store.load(List.of(a), true);
      assertFalse(store.isSpilled(a));
      store.evict(List.of(a));
      assertFalse(store.isSpilled(a), "pinned");
      store.unpin(List.of(a));
      store.evict(List.of(a));
      assertTrue(store.isSpilled(a));
      store.load(List.of(a, b), false);
      assertFalse(store.isSpilled(a));
      assertFalse(store.isSpilled(b));
      assertBytes(store.acquire(6, a, false), 1);
      assertBytes(store.acquire(6, b, false), 2);
      assertFalse(store.isSpilled(BulkStoreTest.blob(99)));
    }
  }

  @Test
  void withoutASpillFolderEvictIsRefusedAndLoadDoesNothing() throws Exception {
    try (ShmFolder folder = new ShmFolder();
        BulkStore store = BulkStores.open(folder.storeDir(), LIMIT)) {
      ObjectId a = put(store, 1);
      VineyardException e =
          assertThrows(VineyardException.Invalid.class, () -> store.evict(List.of(a)));
      assertTrue(e.getMessage().contains("--spill-path"), e.getMessage());
      store.load(List.of(a), true);
      assertFalse(store.isSpilled(a));
    }
  }

  @Test
  void spilledBlobsComeBackAfterACrashAndAfterACleanStop() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      SpillSettings spill = SpillSettings.to(folder.root().resolve("spill"));
      BulkStore crashed = BulkStores.open(folder.storeDir(), LIMIT, true, spill);
      ObjectId a = put(crashed, 1);
      ObjectId b = put(crashed, 2);
      ObjectId c = put(crashed, 3);
      crashed.evict(List.of(a, c));
      crashed.load(List.of(c), false); // spilled, then back at another place
      assertTrue(crashed.delete(b));
      // the process dies here: nothing is closed

      IllegalStateException noSpill =
          assertThrows(
              IllegalStateException.class, () -> BulkStores.open(folder.storeDir(), LIMIT, true));
      assertTrue(noSpill.getMessage().contains("--spill-path"), noSpill.getMessage());

      try (BulkStore back = BulkStores.open(folder.storeDir(), LIMIT, true, spill)) {
        assertEquals(2, back.blobCount());
        assertTrue(back.isSpilled(a));
        assertFalse(back.isSpilled(c));
        assertFalse(back.contains(b));
        assertEquals(4032, back.used(), "only c is in memory");
        assertBytes(back.acquire(1, c, false), 3);
      } // a clean stop keeps the spilled blob too
      try (BulkStore again = BulkStores.open(folder.storeDir(), LIMIT, true, spill)) {
        assertTrue(again.isSpilled(a));
        assertBytes(again.acquire(1, a, false), 1);
        assertBytes(again.acquire(1, c, false), 3);
      }
    }
  }

  @Test
  void aSpilledBlobWhoseFileIsGoneIsDroppedAtTheNextStart() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      Path root = folder.root().resolve("spill");
      SpillSettings spill = SpillSettings.to(root);
      BulkStore crashed = BulkStores.open(folder.storeDir(), LIMIT, true, spill);
      ObjectId a = put(crashed, 1);
      ObjectId b = put(crashed, 2);
      crashed.evict(List.of(a, b));
      try (Stream<Path> files = Files.walk(root)) {
        Path fileOfA =
            files.filter(f -> f.getFileName().toString().equals(a.toString())).findFirst().get();
        Files.delete(fileOfA);
      }
      try (BulkStore back = BulkStores.open(folder.storeDir(), LIMIT, true, spill)) {
        assertFalse(back.contains(a), "its bytes are gone: dropped, not left dangling");
        assertTrue(back.isSpilled(b));
      }
      try (BulkStore again = BulkStores.open(folder.storeDir(), LIMIT, true, spill)) {
        assertEquals(1, again.blobCount());
        assertBytes(again.acquire(1, b, false), 2);
      }
    }
  }

  @Test
  void ratesOutsideZeroToOneOrCrossedAreRefused() {
    Path p = Path.of("spill");
    assertThrows(IllegalArgumentException.class, () -> new SpillSettings(p, -0.1, 0.8));
    assertThrows(IllegalArgumentException.class, () -> new SpillSettings(p, 0.3, 1.5));
    IllegalArgumentException crossed =
        assertThrows(IllegalArgumentException.class, () -> new SpillSettings(p, 0.9, 0.8));
    assertTrue(crossed.getMessage().contains("--spill-lower-rate"), crossed.getMessage());
  }
}
