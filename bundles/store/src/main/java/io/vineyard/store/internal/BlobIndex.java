package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the sealed blobs are, kept beside the arenas ({@code blobs.index} in the store's folder) so
 * that a store re-opened after its process died finds them: one record per seal ({@code id, arena,
 * offset, size}) and one per delete, appended as they happen. A blob spilled to disk gets a spill
 * record (its bytes are in its spill file, its memory free); loaded back, a seal record with its
 * new place.
 *
 * <p>Why no fsync: the index lives on the same tmpfs as the arenas it describes. A {@code write} is
 * in the page cache the moment it returns, which survives the death of the process (kill -9, a
 * crash) exactly as the arenas' bytes do, and neither survives a reboot. So a seal costs one small
 * {@code write} (a few microseconds), synchronously, before the seal is acknowledged; no batching
 * or sequence numbers are needed to keep the index and the arenas in step.
 *
 * <p>A record cut short by a crash in the middle of a {@code write} is dropped at replay (and the
 * file truncated to the last whole record). When deletes outnumber the live blobs, the file is
 * rewritten with the live ones only (written beside, then moved over). Not thread-safe: the store's
 * lock guards it.
 */
final class BlobIndex implements AutoCloseable {
  static final String FILE = "blobs.index";
  private static final byte SEAL = 'S';
  private static final byte DELETE = 'D';
  private static final byte SPILL = 'P';
  private static final int RECORD = 1 + 8 + 4 + 8 + 8;

  /**
   * A sealed blob as the index has it.
   *
   * @param id the blob
   * @param arena the index of its arena in the store's set; -1 when it is spilled to disk
   * @param offset its first byte there (0 when spilled)
   * @param size its size in bytes
   */
  record Sealed(ObjectId id, int arena, long offset, long size) {
    /** A blob whose bytes are in its spill file. */
    static Sealed spilled(ObjectId id, long size) {
      return new Sealed(id, -1, 0, size);
    }

    boolean isSpilled() {
      return arena < 0;
    }
  }

  private final Path path;
  private FileChannel channel;
  private final ByteBuffer buf = ByteBuffer.allocate(RECORD);
  private int deletes;
  private int live;

  private BlobIndex(Path path, FileChannel channel, int live) {
    this.path = path;
    this.channel = channel;
    this.live = live;
  }

  /** A new, empty index in {@code dir} (an old one is replaced). */
  static BlobIndex create(Path dir) throws IOException {
    Path path = dir.resolve(FILE);
    Files.deleteIfExists(path);
    return new BlobIndex(path, open(path), 0);
  }

  /** Whether {@code dir} holds an index. */
  static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  /**
   * Re-opens the index of {@code dir}: the blobs sealed and not deleted, in the order sealed; the
   * index is rewritten with exactly those.
   */
  static Map.Entry<BlobIndex, Collection<Sealed>> reopen(Path dir) throws IOException {
    Path path = dir.resolve(FILE);
    Map<ObjectId, Sealed> sealed = new LinkedHashMap<>();
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(RECORD);
      while (true) {
        b.clear();
        while (b.hasRemaining() && in.read(b) >= 0) {
          // fill the record
        }
        if (b.hasRemaining()) {
          break; // the end, or a record cut short by a crash
        }
        b.flip();
        byte type = b.get();
        ObjectId id = ObjectId.of(b.getLong());
        if (type == SEAL) {
          sealed.put(id, new Sealed(id, b.getInt(), b.getLong(), b.getLong()));
        } else if (type == SPILL) {
          b.getInt();
          b.getLong();
          sealed.put(id, Sealed.spilled(id, b.getLong()));
        } else if (type == DELETE) {
          sealed.remove(id);
        } else {
          break; // garbage: what follows cannot be trusted
        }
      }
    }
    BlobIndex index = rewrite(path, sealed.values());
    return Map.entry(index, sealed.values());
  }

  private static BlobIndex rewrite(Path path, Collection<Sealed> live) throws IOException {
    Path next = path.resolveSibling(FILE + ".next");
    Files.deleteIfExists(next);
    try (FileChannel out = open(next)) {
      ByteBuffer b = ByteBuffer.allocate(RECORD);
      for (Sealed s : live) {
        out.write(encode(b, s.isSpilled() ? SPILL : SEAL, s.id(), s.arena(), s.offset(), s.size()));
      }
    }
    Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new BlobIndex(
        path,
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
        live.size());
  }

  private static FileChannel open(Path path) throws IOException {
    return FileChannel.open(
        path,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  private static ByteBuffer encode(
      ByteBuffer b, byte type, ObjectId id, int arena, long offset, long size) {
    b.clear();
    b.put(type).putLong(id.value()).putInt(arena).putLong(offset).putLong(size);
    return b.flip();
  }

  /** Records a seal; returns once the record is written. */
  void sealed(ObjectId id, int arena, long offset, long size) {
    write(encode(buf, SEAL, id, arena, offset, size));
    live++;
  }

  /** Records that a sealed blob is spilled to disk: its bytes are in its spill file now. */
  void spilled(ObjectId id, long size) {
    write(encode(buf, SPILL, id, -1, 0, size));
  }

  /** Records the new place of a sealed blob loaded back from disk. */
  void moved(ObjectId id, int arena, long offset, long size) {
    write(encode(buf, SEAL, id, arena, offset, size));
  }

  /**
   * Records a delete, and rewrites the file when deletes outnumber live blobs.
   *
   * @param liveNow the sealed blobs still live, for a rewrite
   */
  void deleted(ObjectId id, java.util.function.Supplier<Collection<Sealed>> liveNow) {
    write(encode(buf, DELETE, id, 0, 0, 0));
    live--;
    if (++deletes > Math.max(1024, live)) {
      try {
        channel.close();
        BlobIndex fresh = rewrite(path, liveNow.get());
        channel = fresh.channel;
        deletes = 0;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot rewrite the blob index " + path, e);
      }
    }
  }

  private void write(ByteBuffer b) {
    try {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the blob index " + path + ": " + e.getMessage(), e);
    }
  }

  /** Closes the file, keeping it (the store keeps its arenas). */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing buffered: every record was written when it was made
    }
  }
}
