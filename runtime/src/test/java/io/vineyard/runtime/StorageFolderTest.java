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

  @Test
  void theDefaultRootsOtherDataFoldersLoseWhatKilledRuntimesLeft() throws Exception {
    long gone = Integer.MAX_VALUE - 7L;
    long running = ProcessHandle.current().parent().orElseThrow().pid();
    Path other = Files.createDirectories(data.resolve("0123abcd"));
    Files.writeString(other.resolve("instance.id"), "3");
    Path dead = Files.createDirectories(other.resolve("felix").resolve(Long.toString(gone)));
    Files.writeString(dead.resolve("cache.bin"), "stale");
    Path live = Files.createDirectories(other.resolve("felix").resolve(Long.toString(running)));
    Path notOurs = Files.createDirectories(data.resolve("something-else/felix/" + gone));
    FelixRuntime.sweepDefaultRoot(data);
    assertFalse(Files.exists(dead), "a killed runtime's storage in another data folder is removed");
    assertTrue(Files.exists(live), "a running process's folder is left alone");
    assertTrue(Files.exists(notOurs), "a folder that is no runtime's data folder is not touched");
    FelixRuntime.sweepDefaultRoot(data.resolve("absent")); // no default root yet: nothing to do
  }
}
