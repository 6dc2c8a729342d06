package io.vineyard.meta.raft;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An instance's data directory, held exclusively while a runtime uses it: the Raft log ({@code
 * raft-log.db}), the instance ID ({@code instance.id}), with {@code --peers} the Raft member name
 * ({@code cluster.properties}), in embedded mode what the instance brings into the cluster while it
 * is not in one ({@code carry.json}, see {@link Carry}).
 *
 * <p>The directory is locked with a file lock on {@code lock} (which also records the holder's
 * pid); a second runtime, in this process or another, is refused with a message naming the holder.
 * The lock is released by {@link #close}, or by the operating system when the process dies. Within
 * one process the held directories are known and never opened a second time: closing a second
 * channel on the file would drop the process's lock (POSIX locks belong to the process). Small
 * files are replaced atomically (written beside, then moved), so a crash leaves the old or the new
 * value.
 */
final class DataDir implements AutoCloseable {
  private static final String LOCK = "lock";
  private static final String INSTANCE_ID = "instance.id";
  private static final String CLUSTER = "cluster.properties";

  /** Data dirs locked by this JVM (their lock files). */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final Path dir;
  private final Path lockFile;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDir(Path dir, Path lockFile, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockFile = lockFile;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Locks a data directory, creating it if needed.
   *
   * @throws IllegalStateException when another runtime holds it
   */
  static DataDir lock(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path lockFile = dir.resolve(LOCK).toAbsolutePath().normalize();
    if (!HELD.add(lockFile)) { // not opened: closing a channel would drop this process's lock on it
      throw inUse(dir, Long.toString(ProcessHandle.current().pid()));
    }
    try {
      FileChannel ch =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
        if (lock == null) {
          throw inUse(dir, new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).trim());
        }
        ch.truncate(0);
        ch.write(
            ByteBuffer.wrap(
                (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)),
            0);
        ch.force(true);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
      return new DataDir(dir, lockFile, ch, lock);
    } catch (IOException | RuntimeException e) {
      HELD.remove(lockFile);
      throw e;
    }
  }

  private static IllegalStateException inUse(Path dir, String holder) {
    return new IllegalStateException(
        "data dir "
            + dir
            + " is in use by another runtime"
            + (holder.isEmpty() ? "" : " (pid " + holder + ")")
            + ": stop it, or give this runtime its own --data-dir");
  }

  Path path() {
    return dir;
  }

  Path logFile() {
    return dir.resolve("raft-log.db");
  }

  /** The instance ID recorded by an earlier start, if any. */
  OptionalLong instanceId() throws IOException {
    Path f = dir.resolve(INSTANCE_ID);
    if (!Files.exists(f)) {
      return OptionalLong.empty();
    }
    String text = Files.readString(f).trim();
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          f + " holds '" + text + "', not an instance ID: restore or delete it", e);
    }
  }

  void writeInstanceId(long id) throws IOException {
    replace(INSTANCE_ID, Long.toString(id) + "\n");
  }

  /** What this directory's member knows about its cluster (empty before its first start). */
  Properties cluster() throws IOException {
    Properties p = new Properties();
    Path f = dir.resolve(CLUSTER);
    if (Files.exists(f)) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  void writeCluster(Properties p) throws IOException {
    Path next = dir.resolve(CLUSTER + ".next");
    try (Writer w = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      p.store(w, "Raft membership of this data dir; do not edit");
    }
    move(next, dir.resolve(CLUSTER));
  }

  /** Replaces a small file of the data dir atomically. */
  void replace(String name, String content) throws IOException {
    Path next = dir.resolve(name + ".next");
    Files.writeString(next, content, StandardCharsets.UTF_8);
    move(next, dir.resolve(name));
  }

  private static void move(Path from, Path to) throws IOException {
    try (FileChannel c = FileChannel.open(from, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      try {
        lockChannel.close();
      } finally {
        HELD.remove(lockFile);
      }
    }
  }
}
