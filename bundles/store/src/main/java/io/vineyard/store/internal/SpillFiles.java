package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The files spilled blobs live in while out of memory: one file per blob, named by its ID, in a
 * folder of the store's own under the spill path. Not thread-safe: the store's lock guards it.
 *
 * <p>A file is written beside its final name and renamed into place, so a name always holds a whole
 * blob. No fsync: what says a blob is spilled is the blob index on tmpfs, which a reboot clears as
 * well; a process that dies leaves both in the page cache. Files the index does not name (a crash
 * between the write and the index record, or a reboot) are deleted when the store opens.
 */
final class SpillFiles {
  private static final System.Logger LOG = System.getLogger(SpillFiles.class.getName());
  private static final String PART = ".part";

  private final Path dir;

  private SpillFiles(Path dir) {
    this.dir = dir;
  }

  /**
   * The folder of the store whose arenas are in {@code shmDir}, under {@code root}: created mode
   * 0700 (and {@code root} with it) when missing.
   *
   * @throws IOException naming the folder when it cannot be made or written
   */
  static SpillFiles open(Path root, Path shmDir) throws IOException {
    Path abs = shmDir.toAbsolutePath().normalize();
    String name =
        "vineyard-" + abs.getFileName() + "-" + String.format("%08x", abs.toString().hashCode());
    Path dir = root.toAbsolutePath().normalize().resolve(name);
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new IOException("cannot create the spill folder " + dir + " (--spill-path): " + e, e);
    }
    if (!Files.isWritable(dir)) {
      throw new IOException("cannot write to the spill folder " + dir + " (--spill-path)");
    }
    return new SpillFiles(dir);
  }

  Path dir() {
    return dir;
  }

  private Path file(ObjectId id) {
    return dir.resolve(id.toString());
  }

  /** Copies {@code size} bytes at {@code offset} of the arena to the blob's spill file. */
  void write(ObjectId id, FileChannel arena, long offset, long size) throws IOException {
    Path part = dir.resolve(id + PART);
    try (FileChannel out =
        FileChannel.open(
            part,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
      long done = 0;
      while (done < size) {
        long n = arena.transferTo(offset + done, size - done, out);
        if (n <= 0) {
          throw new IOException("the arena ended " + done + " bytes into blob " + id);
        }
        done += n;
      }
    } catch (IOException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    Files.move(part, file(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Copies the blob's spill file into the arena at {@code offset}; the file stays. */
  void read(ObjectId id, FileChannel arena, long offset, long size) throws IOException {
    try (FileChannel in = FileChannel.open(file(id), StandardOpenOption.READ)) {
      if (in.size() != size) {
        throw new IOException(
            "spill file " + file(id) + " holds " + in.size() + " bytes, not the blob's " + size);
      }
      long done = 0;
      while (done < size) {
        long n = arena.transferFrom(in.position(done), offset + done, size - done);
        if (n <= 0) {
          throw new IOException("spill file " + file(id) + " ended after " + done + " bytes");
        }
        done += n;
      }
    }
  }

  /** Whether the blob's spill file is there with {@code size} bytes. */
  boolean holds(ObjectId id, long size) {
    try {
      return Files.size(file(id)) == size;
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes the blob's spill file, if any. */
  void delete(ObjectId id) {
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot delete spill file " + file(id) + ": " + e);
    }
  }

  /** Deletes every file but those of {@code keep}: what an earlier run left and no index names. */
  int retainOnly(Set<ObjectId> keep) {
    int deleted = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        boolean kept = false;
        try {
          kept = keep.contains(ObjectId.parse(name));
        } catch (IllegalArgumentException e) {
          // a part file or something else: not a blob's
        }
        if (!kept && Files.deleteIfExists(f)) {
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot clean the spill folder " + dir + ": " + e);
    }
    return deleted;
  }

  /** Deletes every spill file and the folder (a store that keeps nothing is closing). */
  void deleteAll() {
    retainOnly(Set.of());
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot delete the spill folder " + dir + ": " + e);
    }
  }
}
