package io.vineyard.protocol;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import java.io.BufferedInputStream;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The transient (not persisted) trees of an instance, in {@code transient.log} of its data
 * directory, so that a runtime that was stopped or killed has them again, as it has its sealed
 * blobs: a record per tree put or replaced (a label), a record per tree gone (deleted, or
 * persisted: the metadata service's durable store holds it then). One log for both bundle sets (the
 * cluster's and a lone instance's metadata services).
 *
 * <p>One {@code write} per change before the request is answered, and no fsync: the trees must
 * survive the death of the process, which the page cache does, while a reboot takes their blobs
 * (tmpfs) anyway; trees whose blobs are gone are dropped when the log is read. A record cut short
 * by a crash ends the log. The file is rewritten with the live trees at every open. Not
 * thread-safe: the service serializes changes.
 */
public final class TreeLog implements AutoCloseable {
  public static final String FILE = "transient.log";
  private static final byte PUT = 'P';
  private static final byte REMOVE = 'R';

  private final Path path;
  private final FileChannel out;
  private final List<ObjectMeta> kept;

  private TreeLog(Path path, FileChannel out, List<ObjectMeta> kept) {
    this.path = path;
    this.out = out;
    this.kept = kept;
  }

  /**
   * Reads the log of {@code dir} and starts it again with the trees {@code keep} accepts (see
   * {@link #kept()}).
   *
   * @throws IOException naming the file when it cannot be rewritten
   */
  public static TreeLog open(Path dir, Predicate<ObjectMeta> keep) throws IOException {
    Path path = dir.resolve(FILE);
    Map<ObjectId, ObjectMeta> live = read(path);
    live.values().removeIf(keep.negate());
    Path next = dir.resolve(FILE + ".next");
    Files.deleteIfExists(next);
    FileChannel ch =
        FileChannel.open(
            next,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    TreeLog log = new TreeLog(path, ch, new ArrayList<>(live.values()));
    try {
      live.values().forEach(log::put);
      Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw new IOException("cannot rewrite " + path + ": " + e.getMessage(), e);
    }
    return log;
  }

  private static Map<ObjectId, ObjectMeta> read(Path path) throws IOException {
    Map<ObjectId, ObjectMeta> live = new LinkedHashMap<>();
    if (!Files.exists(path)) {
      return live;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
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
          break; // not a record: nothing after it can be trusted
        }
      }
    } catch (EOFException | RuntimeException cutShort) {
      // the end of the log, or its last record cut short by a crash
    }
    return live;
  }

  /** The trees the log held when opened and {@code keep} accepted, in the order put. */
  public List<ObjectMeta> kept() {
    return kept;
  }

  /** Records a tree put, or replaced. */
  public void put(ObjectMeta tree) {
    byte[] b = Codec.encodeMeta(tree);
    write(ByteBuffer.allocate(5 + b.length).put(PUT).putInt(b.length).put(b).flip());
  }

  /** Records a tree gone. */
  public void remove(ObjectId id) {
    write(ByteBuffer.allocate(9).put(REMOVE).putLong(id.value()).flip());
  }

  private void write(ByteBuffer b) {
    try {
      while (b.hasRemaining()) {
        out.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      // every record was written when it was made: nothing is lost
    }
  }
}
