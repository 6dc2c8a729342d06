package io.vineyard.store.internal;

import io.vineyard.posix.Posix;
import io.vineyard.store.ArenaFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One shared-memory arena file, the fd the store keeps open on it, and the allocator over it.
 *
 * <p>The file is sparse: it costs memory only where clients write. The server never maps it;
 * clients map it whole through the fd they receive. Not thread-safe: the store's lock guards it.
 */
final class ShmArena implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ShmArena.class.getName());

  /** The unit tmpfs frees in; punching less than a page only zeroes bytes. */
  static final long PAGE_SIZE = 4096;

  private final ArenaFile file;
  private final ArenaAllocator allocator;
  private boolean trimSupported = true;
  private FileChannel channel;

  private ShmArena(ArenaFile file) {
    this.file = file;
    this.allocator = new ArenaAllocator(file.size());
  }

  /**
   * Creates the arena file {@code dir/name} (mode 0600) of {@code size} bytes, replacing a stale
   * one left by a previous run. (Re-opening it to recover sealed blobs will come with the durable
   * blob table.)
   */
  static ShmArena create(Path dir, String name, long size) throws IOException {
    Path path = dir.resolve(name);
    Files.deleteIfExists(path);
    int fd = Posix.open(path, Posix.O_CREAT | Posix.O_RDWR | Posix.O_EXCL, 0600);
    try {
      Posix.ftruncate(fd, size);
    } catch (IOException | RuntimeException e) {
      Posix.close(fd);
      Files.deleteIfExists(path);
      throw e;
    }
    return new ShmArena(new ArenaFile(fd, path, size));
  }

  /**
   * Re-opens the arena file {@code dir/name} an earlier run left, at {@code size} bytes (grown or
   * shrunk to it; the caller checks that what it keeps fits).
   */
  static ShmArena reopen(Path dir, String name, long size) throws IOException {
    Path path = dir.resolve(name);
    int fd = Posix.open(path, Posix.O_RDWR, 0600);
    try {
      if (Files.size(path) != size) {
        Posix.ftruncate(fd, size);
      }
    } catch (IOException | RuntimeException e) {
      Posix.close(fd);
      throw e;
    }
    return new ShmArena(new ArenaFile(fd, path, size));
  }

  /** Closes the fd and keeps the file, with the blobs in it, for the next run. */
  void closeKeeping() {
    closeChannel();
    Posix.close(file.fd());
  }

  /**
   * A channel on the arena file, for the store's own copies (spilling a blob to disk and loading it
   * back); opened on first use, closed with the arena. The server never maps arenas.
   */
  FileChannel channel() throws IOException {
    if (channel == null) {
      channel = FileChannel.open(file.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    return channel;
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "closing " + file.path() + ": " + e);
      }
      channel = null;
    }
  }

  /**
   * Makes the filesystem back {@code [offset, offset + length)} now (fallocate), so that a client
   * writing there never faults (SIGBUS) on a full tmpfs. A no-op once the whole file is reserved.
   *
   * @return false when the filesystem has no room for it
   */
  boolean reserve(long offset, long length) {
    if (!reserveSupported || reservedWhole) {
      return true;
    }
    try {
      Posix.fallocate(file.fd(), Posix.FALLOC_FL_KEEP_SIZE, offset, length);
      return true;
    } catch (Posix.ErrnoException e) {
      if (e.errno() == ENOSPC) {
        return false;
      }
      reserveSupported = false; // e.g. EOPNOTSUPP off tmpfs: clients' writes allocate as they go
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot reserve pages in " + file.path() + ": " + e.getMessage());
      return true;
    } catch (IOException e) {
      reserveSupported = false;
      return true;
    }
  }

  private static final int ENOSPC = 28;
  private boolean reserveSupported = true;
  private boolean reservedWhole;

  /**
   * Allocates the whole file now ({@code --reserve-memory}), so no create waits for the filesystem,
   * and keeps it allocated: {@link #trim()} then hands nothing back.
   *
   * @throws IOException when the filesystem cannot hold it (the message names the folder and size)
   */
  void reserveWhole() throws IOException {
    try {
      Posix.fallocate(file.fd(), Posix.FALLOC_FL_KEEP_SIZE, 0, file.size());
    } catch (Posix.ErrnoException e) {
      throw new IOException(
          "cannot reserve "
              + file.size()
              + " bytes of shared memory in "
              + file.path()
              + " (--reserve-memory): "
              + e.getMessage()
              + "; lower --size or free space there",
          e);
    }
    reservedWhole = true;
  }

  ArenaFile file() {
    return file;
  }

  int fd() {
    return file.fd();
  }

  long size() {
    return file.size();
  }

  ArenaAllocator allocator() {
    return allocator;
  }

  /**
   * Punches the pages freed since the last trim out of the file; returns the bytes punched. Must
   * run under the store's lock: a range punched after being handed out would lose data.
   */
  long trim() {
    if (reservedWhole) {
      return 0; // reserved at start: stays allocated for the next blobs
    }
    long punched = 0;
    for (Range r : allocator.takeTrimmable(PAGE_SIZE)) {
      if (!trimSupported) {
        break;
      }
      try {
        Posix.fallocate(
            file.fd(),
            Posix.FALLOC_FL_PUNCH_HOLE | Posix.FALLOC_FL_KEEP_SIZE,
            r.offset(),
            r.size());
        punched += r.size();
      } catch (IOException e) {
        // e.g. EOPNOTSUPP when the folder is not on tmpfs: freed pages then stay until reused
        trimSupported = false;
        LOG.log(
            System.Logger.Level.WARNING,
            "cannot trim arena " + file.path() + ": " + e.getMessage());
      }
    }
    return punched;
  }

  /** Closes the fd and deletes the file; clients' mappings keep the memory until they unmap. */
  @Override
  public void close() {
    closeChannel();
    Posix.close(file.fd());
    try {
      Files.deleteIfExists(file.path());
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot delete arena file " + file.path() + ": " + e.getMessage());
    }
  }
}
