package io.vineyard.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A test's own temporary folder under /dev/shm, deleted with everything in it on close. */
public final class ShmFolder implements AutoCloseable {
  private final Path root;

  public ShmFolder() throws IOException {
    root = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-store-test");
  }

  /** The folder a store should own (it does not exist yet). */
  public Path storeDir() {
    return root.resolve("store");
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> all = Files.walk(root)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
