package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.protocol.Codec;
import java.io.DataInputStream;
import java.io.EOFException;
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
 * The transient (not persisted) trees of this instance, kept in {@code transient.log} in its data
 * dir so that a runtime that was killed or stopped has them again when it restarts, as it has its
 * sealed blobs (see the bulk store's blob index): one record per tree put or replaced (a label) and
 * one per tree removed (deleted, or persisted: the cluster holds it then).
 *
 * <p>A record is one {@code write} before the request is answered, without fsync: like the blobs,
 * the trees are to survive the death of the process, and the page cache does that; a tree whose
 * blobs did not survive (a reboot) is dropped when the log is replayed. A torn last record is
 * dropped; the file is rewritten with the live trees at every open. Not thread-safe: callers
 * serialize.
 */
final class TransientLog implements AutoCloseable {
  static final String FILE = "transient.log";
  private static final byte PUT = 'P';
  private static final byte REMOVE = 'R';

  private final Path path;
  private final FileChannel channel;

  private TransientLog(Path path, FileChannel channel) {
    this.path = path;
    this.channel = channel;
  }

  /**
   * Opens the log of {@code dir}: the trees it holds (in the order put), and the log rewritten with
   * those {@code keep} accepts.
   */
  static Map.Entry<TransientLog, Collection<ObjectMeta>> open(
      Path dir, java.util.function.Predicate<ObjectMeta> keep) throws IOException {
    Path path = dir.resolve(FILE);
    Map<ObjectId, ObjectMeta> live = new LinkedHashMap<>();
    if (Files.exists(path)) {
      try (DataInputStream in =
          new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(path)))) {
        while (true) {
          byte type = in.readByte();
          if (type == PUT) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            ObjectMeta t = Codec.decodeMeta(b);
            live.put(t.id(), t);
          } else if (type == REMOVE) {
            live.remove(ObjectId.of(in.readLong()));
          } else {
            break; // garbage: nothing after it can be trusted
          }
        }
      } catch (EOFException | RuntimeException torn) {
        // the end, or a record cut short by a crash
      }
    }
    live.values().removeIf(t -> !keep.test(t));
    Path next = dir.resolve(FILE + ".next");
    Files.deleteIfExists(next);
    FileChannel out =
        FileChannel.open(
            next,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    TransientLog log = new TransientLog(path, out);
    for (ObjectMeta t : live.values()) {
      log.put(t);
    }
    Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Map.entry(log, live.values());
  }

  /** Records a tree put (or replaced). */
  void put(ObjectMeta tree) {
    byte[] b = Codec.encodeMeta(tree);
    write(ByteBuffer.allocate(5 + b.length).put(PUT).putInt(b.length).put(b).flip());
  }

  /** Records a tree removed. */
  void remove(ObjectId id) {
    write(ByteBuffer.allocate(9).put(REMOVE).putLong(id.value()).flip());
  }

  private void write(ByteBuffer b) {
    try {
      while (b.hasRemaining()) {
        channel.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // every record was written when it was made
    }
  }
}
