package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.posix.Posix;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class BulkStoreFilesTest {

  @Test
  void arenaFileAndFolderAreOwnerOnlyAndCloseRemovesThem() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      BulkStore store = BulkStores.open(folder.storeDir(), 1 << 20);
      Path arena = store.arenas().get(0).path();
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(arena)));
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.storeDir())));
      assertEquals(1 << 20, Files.size(arena));
      store.create(1, BulkStoreTest.blob(1), 100);
      store.close();
      assertFalse(Files.exists(arena));
      assertFalse(Files.exists(folder.storeDir()));
      store.close();
      assertThrows(
          VineyardException.AlreadyStopped.class, () -> store.create(1, BulkStoreTest.blob(2), 10));
      assertThrows(
          VineyardException.AlreadyStopped.class,
          () -> store.acquire(1, BulkStoreTest.blob(1), false));
    }
  }

  @Test
  void aStaleArenaIsReplacedAndForeignFilesAreKept() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      Files.createDirectories(folder.storeDir());
      Files.writeString(folder.storeDir().resolve("arena-0"), "left by a dead run");
      Files.writeString(folder.storeDir().resolve("notes"), "not the store's");
      try (BulkStore store = BulkStores.open(folder.storeDir(), 8192)) {
        assertEquals(8192, Files.size(store.arenas().get(0).path()));
      }
      assertFalse(Files.exists(folder.storeDir().resolve("arena-0")));
      assertTrue(
          Files.exists(folder.storeDir().resolve("notes")),
          "the folder is kept while others' files are in it");
    }
  }

  @Test
  void nonPositiveLimitIsRejected() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      assertThrows(IllegalArgumentException.class, () -> BulkStores.open(folder.storeDir(), 0));
    }
  }

  @Test
  void trimPunchesFreedPagesOnly() throws Exception {
    try (ShmFolder folder = new ShmFolder();
        BulkStore store = BulkStores.open(folder.storeDir(), 1 << 20)) {
      ArenaFile file = store.arenas().get(0);
      MemorySegment map = Posix.mmap(file.fd(), file.size(), true);
      try {
        BlobHandle kept = store.create(1, BulkStoreTest.blob(1), 64 * 1024);
        BlobHandle freed = store.create(1, BulkStoreTest.blob(2), 64 * 1024);
        map.asSlice(kept.offset(), kept.size()).fill((byte) 7);
        map.asSlice(freed.offset(), freed.size()).fill((byte) 9);
        store.seal(1, BulkStoreTest.blob(1));
        store.seal(1, BulkStoreTest.blob(2));
        assertEquals(0, store.trim(), "nothing is free yet but the untouched tail");
        assertTrue(store.delete(BulkStoreTest.blob(2)));
        assertEquals(64 * 1024, store.trim());
        assertEquals(
            0, map.get(ValueLayout.JAVA_BYTE, freed.offset()), "punched pages read as zeros");
        assertEquals(0, map.get(ValueLayout.JAVA_BYTE, freed.offset() + freed.size() - 1));
        assertEquals(
            7,
            map.get(ValueLayout.JAVA_BYTE, kept.offset() + kept.size() - 1),
            "live blobs keep their bytes");
        assertEquals(0, store.trim(), "already trimmed");
      } finally {
        Posix.munmap(map);
      }
    }
  }

  @Test
  void theEmptyBlobIdIsNotAllocatable() throws Exception {
    try (ShmFolder folder = new ShmFolder();
        BulkStore store = BulkStores.open(folder.storeDir(), 4096)) {
      assertEquals(ObjectId.EMPTY_BLOB, store.create(1, ObjectId.EMPTY_BLOB, 0).id());
      assertEquals(0, store.blobCount());
    }
  }
}
