package io.vineyard.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders of the bench and their removal. */
final class Folders {
  private Folders() {}

  static Path temp(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A folder on the shared-memory filesystem, where the store's arenas live in production. */
  static Path shm(String prefix) {
    try {
      return Files.createTempDirectory(Path.of("/dev/shm"), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes {@code dir} and everything under it; a missing folder is fine. */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      System.err.println("bench: cannot remove " + dir + ": " + e.getMessage());
    }
  }

  /** The work tree's root: {@code -Dvineyard.repo}, else the first parent holding runtime/bin. */
  static Path repo() {
    String given = System.getProperty("vineyard.repo");
    if (given != null) {
      return Path.of(given).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("runtime/bin/vineyardd"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find runtime/bin/vineyardd above "
            + Path.of("").toAbsolutePath()
            + ": run from the work tree or pass -Dvineyard.repo=DIR");
  }
}
