package io.vineyard.store.internal;

import io.vineyard.store.ArenaFile;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The arena files of a store in their folder, allocated from in order. One arena sized to the limit
 * runs now; more (grown on demand, or re-opened after a restart) fit here without changing the
 * store. Not thread-safe: the store's lock guards it.
 */
final class ArenaSet implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ArenaSet.class.getName());

  private final Path dir;
  private final List<ShmArena> arenas;

  private ArenaSet(Path dir, List<ShmArena> arenas) {
    this.dir = dir;
    this.arenas = List.copyOf(arenas);
  }

  /**
   * Creates {@code dir} (mode 0700) if needed, and in it {@code arena-0} of {@code limit} bytes.
   */
  static ArenaSet create(Path dir, long limit) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return new ArenaSet(dir, List.of(ShmArena.create(dir, "arena-0", limit)));
  }

  /** Whether {@code dir} holds the arenas of an earlier run. */
  static boolean existsIn(Path dir) {
    return Files.isRegularFile(dir.resolve("arena-0"));
  }

  /** Re-opens the arenas an earlier run left in {@code dir}, at {@code limit} bytes in all. */
  static ArenaSet reopen(Path dir, long limit) throws IOException {
    return new ArenaSet(dir, List.of(ShmArena.reopen(dir, "arena-0", limit)));
  }

  /** The arena at {@code index}, or null. */
  ShmArena get(int index) {
    return index >= 0 && index < arenas.size() ? arenas.get(index) : null;
  }

  /** The index of an arena in this set. */
  int indexOf(ShmArena arena) {
    return arenas.indexOf(arena);
  }

  /** Allocates every arena whole and keeps it so ({@code --reserve-memory}). */
  void reserveWhole() throws IOException {
    for (ShmArena a : arenas) {
      a.reserveWhole();
    }
  }

  /** Closes the fds and keeps the files, for the next run. */
  void closeKeeping() {
    arenas.forEach(ShmArena::closeKeeping);
  }

  /**
   * Where an allocation landed.
   *
   * @param arena the arena that holds it
   * @param offset its first byte in that arena
   */
  record Placement(ShmArena arena, long offset) {}

  /**
   * Allocates {@code size} (> 0) bytes from the first arena that can hold them; null if none can.
   */
  Placement allocate(long size) {
    for (ShmArena a : arenas) {
      long offset = a.allocator().tryAllocate(size);
      if (offset >= 0) {
        return new Placement(a, offset);
      }
    }
    return null;
  }

  long used() {
    long used = 0;
    for (ShmArena a : arenas) {
      used += a.allocator().used();
    }
    return used;
  }

  /** The largest allocation that can succeed. */
  long largestFree() {
    long largest = 0;
    for (ShmArena a : arenas) {
      largest = Math.max(largest, a.allocator().largestFree());
    }
    return largest;
  }

  /** Punches freed pages out of every arena; returns the bytes punched. */
  long trim() {
    long trimmed = 0;
    for (ShmArena a : arenas) {
      trimmed += a.trim();
    }
    return trimmed;
  }

  List<ArenaFile> files() {
    return arenas.stream().map(ShmArena::file).toList();
  }

  /** The arena file with this fd, or null. */
  ArenaFile file(int fd) {
    for (ShmArena a : arenas) {
      if (a.fd() == fd) {
        return a.file();
      }
    }
    return null;
  }

  /** Closes the fds and deletes the files, then the folder unless something else is in it. */
  @Override
  public void close() {
    arenas.forEach(ShmArena::close);
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException e) {
      LOG.log(System.Logger.Level.DEBUG, () -> "kept " + dir + ": other files are in it");
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot delete " + dir + ": " + e.getMessage());
    }
  }
}
