package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.VineyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A {@code --size} larger than the shared-memory filesystem: a create it cannot back fails with
 * NotEnoughMemory (code 41) instead of leaving the client to die of SIGBUS while it writes. Needs a
 * tmpfs of 8 MiB of its own (root and mount); skipped with a message elsewhere.
 */
class SmallFilesystemTest {

  private static int run(String... cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  @Test
  void aCreateTheFilesystemCannotBackFailsWithCode41() throws Exception {
    Path mount = Files.createTempDirectory("vineyard-small-tmpfs");
    try {
      Assumptions.assumeTrue(
          run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString()) == 0,
          "cannot mount a tmpfs of 8 MiB here (needs root): skipped");
      try (BulkStore store = BulkStores.open(mount.resolve("store"), 64 << 20)) {
        store.create(1, BulkStoreTest.blob(1), 4 << 20); // fits
        VineyardException.NotEnoughMemory e =
            assertThrows(
                VineyardException.NotEnoughMemory.class,
                () -> store.create(1, BulkStoreTest.blob(2), 16 << 20));
        assertTrue(e.getMessage().contains("cannot back it"), e.getMessage());
        assertEquals(4 << 20, store.used(), "nothing kept of the failed create");
        store.drop(1, BulkStoreTest.blob(1));
        store.create(1, BulkStoreTest.blob(3), 6 << 20); // the room is there again
      }
    } finally {
      run("umount", mount.toString());
      Files.deleteIfExists(mount);
    }
  }
}
