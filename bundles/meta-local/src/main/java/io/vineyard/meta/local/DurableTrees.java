package io.vineyard.meta.local;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.meta.MetadataService;
import io.vineyard.protocol.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Persisted trees and names in a MapDB file ({@code metadata.db}) of a data directory held
 * exclusively through a file lock ({@code lock}, which records the holder's pid). Every change is
 * one MapDB transaction committed before the call returns. Not thread-safe: the service serialises
 * changes.
 */
final class DurableTrees implements AutoCloseable {
  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final DB db;
  private final ConcurrentMap<String, String> objects;
  private final ConcurrentMap<String, String> names;

  private DurableTrees(Path dir, FileChannel lockChannel, FileLock lock, DB db) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.db = db;
    this.objects = db.hashMap("objects", Serializer.STRING, Serializer.STRING).createOrOpen();
    this.names = db.hashMap("names", Serializer.STRING, Serializer.STRING).createOrOpen();
  }

  /**
   * Locks the data directory (creating it) and opens its metadata file.
   *
   * @throws IllegalStateException naming the directory and the holder when another runtime uses it
   */
  static DurableTrees open(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path lockFile = dir.resolve("lock");
    FileChannel ch =
        FileChannel.open(
            lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
      ch.close();
      throw new IllegalStateException(
          "data directory "
              + dir
              + " is in use by another runtime"
              + (holder.isEmpty() ? "" : " (pid " + holder + ")")
              + ": give each runtime its own --data-dir");
    }
    ch.truncate(0);
    ch.write(
        java.nio.ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
    try {
      DB db =
          DBMaker.fileDB(dir.resolve("metadata.db").toFile())
              .transactionEnable()
              .fileChannelEnable()
              .make();
      return new DurableTrees(dir, ch, lock, db);
    } catch (RuntimeException e) {
      lock.release();
      ch.close();
      throw e;
    }
  }

  Path dir() {
    return dir;
  }

  int objectCount() {
    return objects.size();
  }

  /** Puts every stored tree, then every name, into the in-memory service. */
  void load(MetadataService into) {
    for (String json : objects.values()) {
      into.put(Codec.decodeMeta(json.getBytes(StandardCharsets.UTF_8)));
    }
    names.forEach((name, id) -> into.putName(name, ObjectId.parse(id)));
  }

  void write(Map<ObjectId, ObjectMeta> trees) {
    trees.forEach(
        (id, tree) ->
            objects.put(id.toString(), new String(Codec.encodeMeta(tree), StandardCharsets.UTF_8)));
    db.commit();
  }

  void remove(ObjectId id) {
    objects.remove(id.toString());
    names.values().removeIf(id.toString()::equals);
    db.commit();
  }

  void putName(String name, ObjectId id) {
    names.put(name, id.toString());
    db.commit();
  }

  void dropName(String name) {
    names.remove(name);
    db.commit();
  }

  @Override
  public void close() {
    try {
      if (!db.isClosed()) {
        db.close();
      }
      lock.release();
      lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the metadata of " + dir, e);
    }
  }
}
