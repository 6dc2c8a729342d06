package io.vineyard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.store.ShmFolder;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BulkStoreComponentTest {

  static BulkStoreComponent.Config config(String size, String dir) {
    return config(size, dir, false);
  }

  static BulkStoreComponent.Config config(String size, String dir, boolean reserve) {
    return new BulkStoreComponent.Config() {
      @Override
      public String size() {
        return size;
      }

      @Override
      public String shm_dir() {
        return dir;
      }

      @Override
      public boolean keep() {
        return false;
      }

      @Override
      public String spill_path() {
        return "";
      }

      @Override
      public double spill_lower_rate() {
        return 0.3;
      }

      @Override
      public double spill_upper_rate() {
        return 0.8;
      }

      @Override
      public boolean reserve() {
        return reserve;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return BulkStoreComponent.Config.class;
      }
    };
  }

  @Test
  void activateOpensAndDeactivateDeletesTheArena() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      BulkStoreComponent c = new BulkStoreComponent();
      c.activate(config("1.5M", folder.storeDir().toString()));
      assertEquals(3 << 19, c.limit());
      Path arena = c.arenas().get(0).path();
      c.create(1, ObjectId.of(ObjectId.BLOB_BIT | 1), 10);
      c.close();
      assertTrue(Files.exists(arena), "users cannot close the service");
      assertEquals(1, c.blobCount());
      c.deactivate();
      assertFalse(Files.exists(arena));
    }
  }

  @Test
  void missingFolderOrBadSizeIsNamed() throws Exception {
    BulkStoreComponent c = new BulkStoreComponent();
    IllegalArgumentException noDir =
        assertThrows(IllegalArgumentException.class, () -> c.activate(config("2G", null)));
    assertTrue(noDir.getMessage().contains("shm.dir"), noDir.getMessage());
    try (ShmFolder folder = new ShmFolder()) {
      IllegalArgumentException badSize =
          assertThrows(
              IllegalArgumentException.class,
              () -> c.activate(config("lots", folder.storeDir().toString())));
      assertTrue(badSize.getMessage().contains("'lots'"), badSize.getMessage());
      assertTrue(badSize.getMessage().contains("--size"), badSize.getMessage());
    }
  }

  /** Bytes the filesystem has allocated to a file (its blocks, as stat(1) reports them). */
  static long allocated(Path file) throws Exception {
    Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
    String[] out = new String(p.getInputStream().readAllBytes()).trim().split(" ");
    assertEquals(0, p.waitFor());
    return Long.parseLong(out[0]) * Long.parseLong(out[1]);
  }

  @Test
  void reservedMemoryIsAllocatedAtStartAndStaysAllocated() throws Exception {
    try (ShmFolder folder = new ShmFolder()) {
      BulkStoreComponent sparse = new BulkStoreComponent();
      sparse.activate(config("4M", folder.storeDir().toString()));
      assertEquals(0, allocated(sparse.arenas().get(0).path()), "without reserve: sparse");
      sparse.deactivate();

      BulkStoreComponent c = new BulkStoreComponent();
      c.activate(config("4M", folder.storeDir().toString(), true));
      Path arena = c.arenas().get(0).path();
      assertEquals(4 << 20, allocated(arena), "--reserve-memory allocates the whole arena");
      ObjectId id = ObjectId.of(ObjectId.BLOB_BIT | 1);
      c.create(1, id, 1 << 20);
      c.disconnect(1); // an unsealed blob of a departed connection is freed
      assertEquals(0, c.trim(), "reserved memory is never handed back");
      assertEquals(4 << 20, allocated(arena));
      c.deactivate();
    }
  }
}
