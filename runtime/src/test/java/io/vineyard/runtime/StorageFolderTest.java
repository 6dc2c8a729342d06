package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Framework storage lives in the data folder, one folder per process; a killed process's is removed
 * at the next start.
 */
class StorageFolderTest {
  @TempDir Path data;

  @Test
  void deadProcessesFoldersGoLiveOnesStay() throws Exception {
    Path dead =
        Files.createDirectories(
            data.resolve("felix").resolve(Long.toString(Integer.MAX_VALUE - 7L)));
    Files.writeString(dead.resolve("cache.bin"), "stale");
    Path live =
        Files.createDirectories(
            data.resolve("felix")
                .resolve(Long.toString(ProcessHandle.current().parent().orElseThrow().pid())));
    Path mine = FelixRuntime.storageFolder(data);
    assertEquals(data.resolve("felix").resolve(Long.toString(ProcessHandle.current().pid())), mine);
    assertTrue(Files.isDirectory(mine));
    assertFalse(Files.exists(dead), "a folder of a process that is gone is removed");
    assertTrue(Files.exists(live), "a running process's folder is left alone");
  }
}
