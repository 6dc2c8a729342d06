package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.posix.Posix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A store opened with {@code keep} leaves its sealed blobs for the next one on the same folder,
 * whether it was closed or its process died (here: a store never closed, whose folder a second
 * store opens, as after kill -9).
 */
class BlobsKeptAcrossRunsTest {

  private static void fill(BlobHandle h, byte seed) throws Exception {
    MemorySegment map = Posix.mmap(h.storeFd(), h.mapSize(), true);
    try {
      for (long i = 0; i < h.size(); i++) {
        map.set(ValueLayout.JAVA_BYTE, h.offset() + i, (byte) (seed + i));
      }
    } finally {
      Posix.munmap(map);
    }
  }

  private static void assertBytes(BlobHandle h, byte seed) throws Exception {
    MemorySegment map = Posix.mmap(h.storeFd(), h.mapSize(), false);
    try {
      for (long i = 0; i < h.size(); i++) {
        assertEquals(
            (byte) (seed + i), map.get(ValueLayout.JAVA_BYTE, h.offset() + i), "byte " + i);
      }
    } finally {
      Posix.munmap(map);
    }
  }

  @Test
  void sealedBlobsComeBackAfterACrashUnsealedAndDeletedOnesDoNot() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      BulkStore crashed = BulkStores.open(folder.storeDir(), 1 << 20, true);
      ObjectId a = BulkStoreTest.blob(1);
      ObjectId b = BulkStoreTest.blob(2);
      ObjectId c = BulkStoreTest.blob(3);
      ObjectId d = BulkStoreTest.blob(4);
      BlobHandle ha = crashed.create(7, a, 1000);
      fill(ha, (byte) 1);
      crashed.seal(7, a);
      crashed.create(7, b, 5000); // never sealed
      crashed.create(7, c, 300);
      crashed.seal(7, c);
      crashed.acquire(8, c, false);
      crashed.delete(
          c); // deleted while referenced: memory freed only at release, but it is gone for good
      BlobHandle hd = crashed.create(7, d, 64);
      fill(hd, (byte) 9);
      crashed.seal(7, d);
      // the process dies here: nothing is closed

      try (BulkStore back = BulkStores.open(folder.storeDir(), 1 << 20, true)) {
        assertTrue(back.contains(a));
        assertTrue(back.contains(d));
        assertFalse(back.contains(b), "unsealed at the crash");
        assertFalse(back.contains(c), "deleted before the crash");
        assertEquals(2, back.blobCount());
        assertEquals(1024 + 64, back.used(), "only the kept blobs take memory");
        BlobHandle ka = back.acquire(1, a, false);
        assertEquals(ha.offset(), ka.offset());
        assertEquals(1000, ka.size());
        assertBytes(ka, (byte) 1);
        assertBytes(back.acquire(1, d, false), (byte) 9);
        ObjectId e = BulkStoreTest.blob(5);
        BlobHandle he = back.create(2, e, 4000); // allocations go around the kept blobs
        assertTrue(he.offset() >= ha.offset() + 1024 || he.offset() + 4032 <= ha.offset());
        back.release(1, d);
        assertTrue(back.delete(d));
      }
      // a clean close keeps them too
      try (BulkStore again = BulkStores.open(folder.storeDir(), 2 << 20, true)) {
        assertTrue(again.contains(a));
        assertFalse(again.contains(d), "deleted in the last run");
        assertEquals(
            2 << 20, Files.size(again.arenas().get(0).path()), "a larger --size grows the arena");
      }
    }
  }

  @Test
  void aSizeTooSmallForTheKeptBlobsIsRefusedAndWithoutKeepTheyAreDropped() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      try (BulkStore first = BulkStores.open(folder.storeDir(), 1 << 20, true)) {
        first.create(1, BulkStoreTest.blob(1), 512 << 10);
        first.seal(1, BulkStoreTest.blob(1));
      }
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> BulkStores.open(folder.storeDir(), 256 << 10, true));
      assertTrue(e.getMessage().contains("raise --size"), e.getMessage());
      try (BulkStore fresh = BulkStores.open(folder.storeDir(), 1 << 20, false)) {
        assertEquals(0, fresh.blobCount(), "without keep, a fresh store");
      }
      assertFalse(
          Files.exists(folder.storeDir().resolve("arena-0")), "and its files go when it closes");
    }
  }

  @Test
  void manyDeletesRewriteTheIndexWithTheLiveBlobsOnly() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      try (BulkStore s = BulkStores.open(folder.storeDir(), 1 << 20, true)) {
        for (int i = 1; i <= 3000; i++) {
          s.create(1, BulkStoreTest.blob(i), 64);
          s.seal(1, BulkStoreTest.blob(i));
          if (i % 10 != 0) {
            s.delete(BulkStoreTest.blob(i));
          }
        }
      }
      long size = Files.size(folder.storeDir().resolve("blobs.index"));
      assertTrue(size < 3000 * 29, "rewritten: " + size + " bytes");
      try (BulkStore s = BulkStores.open(folder.storeDir(), 1 << 20, true)) {
        assertEquals(300, s.blobCount());
        assertTrue(s.contains(BulkStoreTest.blob(3000)));
        assertFalse(s.contains(BulkStoreTest.blob(2999)));
      }
    }
  }

  /**
   * Prints what recording seals and deletes costs (create, seal and delete of 64 B); asserts
   * nothing on time.
   */
  @Test
  void theCostOfTheIndexIsPrinted() throws Exception {
    try (ShmFolder kept = new ShmFolder();
        ShmFolder plain = new ShmFolder()) {
      try (BulkStore k = BulkStores.open(kept.storeDir(), 64 << 20, true);
          BulkStore p = BulkStores.open(plain.storeDir(), 64 << 20, false)) {
        long withIndex = 0;
        long without = 0;
        long n = 0;
        for (int round = 0; round < 12; round++) {
          for (BulkStore s : new BulkStore[] {k, p}) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
              ObjectId id = BulkStoreTest.blob(round * 10_000L + i + 1);
              s.create(1, id, 64);
              s.seal(1, id);
              s.delete(id);
            }
            long t = System.nanoTime() - t0;
            if (round >= 2) {
              if (s == k) {
                withIndex += t;
              } else {
                without += t;
              }
            }
          }
          n += round >= 2 ? 2000 : 0;
        }
        System.out.printf(
            "store: create+seal+delete of 64 B: %.2f us with the blob index, %.2f us without%n",
            withIndex / 1e3 / n, without / 1e3 / n);
        assertEquals(0, k.blobCount());
      }
    }
  }
}
