package io.vineyard.meta.raft;

import io.vineyard.settings.Deadline;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The folder the runtimes of one user share in embedded mode (no {@code --peers}), for one cluster
 * name {@code C}:
 *
 * <ul>
 *   <li>{@code C.lock}: a file lock taken for the decisions that must not interleave: founding or
 *       joining the cluster, and a member leaving it;
 *   <li>{@code C.bootstrap}: the current generation (epoch) of the cluster and its initial members,
 *       written by whoever founded it;
 *   <li>{@code C.members/<raft id>.member}: one file per member (its epoch, instance ID, socket,
 *       data dir, pid), locked by its runtime for as long as it runs. A locked file is a running
 *       member; an unlocked one is a member whose runtime died (the operating system releases the
 *       lock of a killed process). A runtime deletes its file when it stops cleanly;
 *   <li>{@code C.instances}: which data dir holds which instance ID, so that IDs stay unique and a
 *       data dir keeps its ID across generations;
 *   <li>{@code C.key}: the transport's key (see {@link ClusterKey});
 *   <li>{@code C-<epoch>/}: JGroups' own discovery entries (FILE_PING).
 * </ul>
 *
 * <p>The folder is the owner's only (0700) and so are its files (0600).
 *
 * <p>POSIX file locks belong to a process, and closing any descriptor of a file drops all of the
 * process's locks on it; so this class never opens a member file that a runtime in this JVM holds
 * (it knows them), and the cluster lock is also a lock within the JVM.
 */
final class Discovery implements AutoCloseable {
  /** Member files locked by runtimes of this JVM. */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  /**
   * What this JVM's runtimes wrote into the member files they hold: those files are never opened
   * again while held (reading one would drop the lock, see above).
   */
  private static final ConcurrentHashMap<Path, Properties> OWN = new ConcurrentHashMap<>();

  /** The JVM side of each cluster lock (a file lock is per process). */
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private static final String SUFFIX = ".member";

  /**
   * A member as its file says.
   *
   * @param raftId its Raft name
   * @param epoch the cluster generation it belongs to
   * @param instanceId its instance ID (-1 if unknown)
   * @param socket its IPC socket ("" if unknown)
   * @param dataDir its data dir ("" if unknown)
   * @param running whether its runtime holds the file's lock
   * @param entered whether it is in its generation's group (it founded it, or was added and
   *     announced)
   */
  record Member(
      String raftId,
      String epoch,
      long instanceId,
      String socket,
      String dataDir,
      boolean running,
      boolean entered) {
    /** How messages name it: its socket, else its Raft name. */
    String label() {
      return socket.isEmpty() ? raftId : socket;
    }
  }

  /** Work done under the cluster lock. */
  interface Locked<T> {
    T run() throws IOException, InterruptedException;
  }

  private final Path folder;
  private final String cluster;
  private Path memberFile;
  private FileChannel memberChannel;
  private FileLock memberLock;

  Discovery(Path folder, String cluster) {
    this.folder = folder;
    this.cluster = cluster;
  }

  Path folder() {
    return folder;
  }

  Path bootstrapFile() {
    return folder.resolve(cluster + ".bootstrap");
  }

  private Path membersFolder() {
    return folder.resolve(cluster + ".members");
  }

  /**
   * Runs {@code work} holding the cluster lock, against other runtimes of this JVM and of other
   * processes.
   *
   * @param timeout how long to wait for the lock; null waits as long as it takes
   * @throws TimeoutException when the lock was not had in time
   */
  <T> T locked(Duration timeout, Locked<T> work)
      throws IOException, TimeoutException, InterruptedException {
    ClusterKey.ownerOnlyFolder(folder);
    Path lockFile = folder.resolve(cluster + ".lock");
    ReentrantLock local =
        LOCAL.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    if (timeout == null) {
      local.lockInterruptibly();
    } else if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("the lock of cluster '" + cluster + "' in " + folder + " is busy");
    }
    try (FileChannel ch =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock;
      if (timeout == null) {
        lock = ch.lock();
      } else {
        FileLock[] had = new FileLock[1];
        if (!Deadline.in(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
            .poll(Duration.ofMillis(10), () -> (had[0] = tryLock(ch)) != null)) {
          throw new TimeoutException(
              "the lock of cluster '" + cluster + "' in " + folder + " is held by another runtime");
        }
        lock = had[0];
      }
      try (FileLock held = lock) {
        return work.run();
      }
    } finally {
      local.unlock();
    }
  }

  private static FileLock tryLock(FileChannel ch) {
    try {
      return ch.tryLock();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The cluster's bootstrap record (empty if none). */
  Properties readBootstrap() throws IOException {
    return read(bootstrapFile());
  }

  void writeBootstrap(Properties p) throws IOException {
    write(
        bootstrapFile(),
        p,
        "the founder of this Vineyard cluster; runtimes that start later join it");
  }

  /**
   * Writes this runtime's member file and locks it until {@link #close}: from now on, others see
   * this member running. Call under the cluster lock.
   */
  void register(String raftId, String epoch, long instanceId, String socket, Path dataDir)
      throws IOException, InterruptedException {
    Path dir = membersFolder();
    ClusterKey.ownerOnlyFolder(dir);
    Path file = dir.resolve(raftId + SUFFIX).toAbsolutePath().normalize();
    if (!HELD.add(file)) {
      throw new IllegalStateException(
          "Raft member " + raftId + " of cluster '" + cluster + "' already runs in this process");
    }
    Properties p = new Properties();
    p.setProperty("epoch", epoch);
    p.setProperty("raft.id", raftId);
    p.setProperty("instance.id", Long.toString(instanceId));
    p.setProperty("socket", socket);
    p.setProperty("data.dir", dataDir.toString());
    p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    OWN.put(file, p);
    FileChannel ch = null;
    try {
      ch =
          FileChannel.open(
              file,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      FileChannel opened = ch;
      FileLock[] had = new FileLock[1];
      // another runtime may be probing the file for a moment
      Deadline.in(Duration.ofSeconds(1))
          .poll(Duration.ofMillis(20), () -> (had[0] = tryLock(opened)) != null);
      FileLock lock = had[0];
      if (lock == null) {
        throw new IllegalStateException(
            "Raft member "
                + raftId
                + " of cluster '"
                + cluster
                + "' already runs ("
                + file
                + " is locked)");
      }
      StringWriter out = new StringWriter();
      p.store(out, "a member of Vineyard cluster '" + cluster + "'; locked while its runtime runs");
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(out.toString().getBytes(StandardCharsets.UTF_8)), 0);
      ch.force(true);
      memberFile = file;
      memberChannel = ch;
      memberLock = lock;
    } catch (IOException | RuntimeException e) {
      if (ch != null) {
        ch.close(); // drops the lock too, if it was had
      }
      OWN.remove(file);
      HELD.remove(file);
      throw e;
    }
  }

  /**
   * The members of generation {@code epoch} that have a file, running ones first; a file this JVM
   * holds counts as running without being opened.
   */
  List<Member> members(String epoch) throws IOException {
    Path dir = membersFolder();
    List<Member> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files;
    try (var list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (Path f : files) {
      Path file = f.toAbsolutePath().normalize();
      Properties p = OWN.get(file);
      try {
        p = p != null ? p : read(file);
      } catch (NoSuchFileException e) {
        continue;
      }
      if (!epoch.equals(p.getProperty("epoch"))) {
        continue;
      }
      String name = file.getFileName().toString();
      out.add(
          new Member(
              p.getProperty("raft.id", name.substring(0, name.length() - SUFFIX.length())),
              epoch,
              parseLong(p.getProperty("instance.id")),
              p.getProperty("socket", ""),
              p.getProperty("data.dir", ""),
              running(file),
              Boolean.parseBoolean(p.getProperty("entered"))));
    }
    out.sort(Comparator.comparing((Member m) -> !m.running()).thenComparing(Member::label));
    return out;
  }

  private static long parseLong(String s) {
    try {
      return s == null ? -1 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The Raft names of the running members of generation {@code epoch}. */
  Set<String> running(String epoch) throws IOException {
    Set<String> out = new java.util.HashSet<>();
    for (Member m : members(epoch)) {
      if (m.running()) {
        out.add(m.raftId());
      }
    }
    return out;
  }

  /**
   * The member file of a Raft member, if it is not running: deleted (a member that died and was
   * removed).
   */
  void forgetDead(String raftId) throws IOException {
    Path file = membersFolder().resolve(raftId + SUFFIX).toAbsolutePath().normalize();
    if (Files.exists(file) && !running(file)) {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Removes what earlier generations left: member files of runtimes that died, and JGroups' folders
   * of every generation but {@code keep}. Call under the cluster lock, when founding.
   */
  void removeStale(String keep) throws IOException {
    Path dir = membersFolder();
    if (Files.isDirectory(dir)) {
      try (var list = Files.list(dir)) {
        for (Path f : list.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
          Path file = f.toAbsolutePath().normalize();
          if (!running(file)) {
            Files.deleteIfExists(file);
          }
        }
      }
    }
    String prefix = cluster + "-";
    try (var list = Files.list(folder)) {
      for (Path f : list.filter(Files::isDirectory).toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(prefix)
            && !name.equals(prefix + keep)
            && name.length() == prefix.length() + 8) {
          deleteTree(f);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * The instance ID of a data dir: the one it has, unless another data dir that still exists holds
   * it in the registry, else the smallest ID nobody holds (IDs of data dirs that no longer exist
   * are given again). Call under the cluster lock.
   */
  long instanceIdFor(Path dataDir, java.util.OptionalLong stored) throws IOException {
    Path file = folder.resolve(cluster + ".instances");
    Properties reg = read(file);
    String mine = dataDir.toAbsolutePath().normalize().toString();
    long id = -1;
    if (stored.isPresent()) {
      String holder = reg.getProperty(Long.toString(stored.getAsLong()));
      if (holder == null || holder.equals(mine) || !Files.isDirectory(Path.of(holder))) {
        id = stored.getAsLong();
      }
    }
    if (id < 0) {
      for (String k : reg.stringPropertyNames()) {
        if (mine.equals(reg.getProperty(k))) {
          id = Long.parseLong(k);
        }
      }
    }
    for (long i = 0; id < 0 && i < 1024; i++) {
      String holder = reg.getProperty(Long.toString(i));
      if (holder == null || !Files.isDirectory(Path.of(holder))) {
        id = i;
      }
    }
    if (id < 0) {
      throw new IllegalStateException(
          "cluster '"
              + cluster
              + "' has 1024 instances, each with a data dir that still"
              + " exists ("
              + file
              + "): remove the data dirs of instances that are gone");
    }
    if (!mine.equals(reg.getProperty(Long.toString(id)))) {
      reg.setProperty(Long.toString(id), mine);
      write(file, reg, "instance IDs of Vineyard cluster '" + cluster + "', by data dir");
    }
    return id;
  }

  /** Records in this runtime's member file that it is in its generation's group now. */
  void entered() throws IOException {
    Path file = memberFile;
    Properties p = OWN.get(file);
    p.setProperty("entered", "true");
    StringWriter out = new StringWriter();
    p.store(out, "a member of Vineyard cluster '" + cluster + "'; locked while its runtime runs");
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    memberChannel.write(ByteBuffer.wrap(bytes), 0);
    memberChannel.truncate(bytes.length);
    memberChannel.force(true);
  }

  /** Deletes this runtime's member file and releases it: a clean stop, or a start given up. */
  void unregister() throws IOException {
    try {
      forget();
    } finally {
      close();
    }
  }

  private static boolean running(Path file) throws IOException {
    if (HELD.contains(file)) {
      return true;
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Deletes this runtime's member file: it is no member any more (it left, or never joined). */
  void forget() throws IOException {
    Path file = memberFile;
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }

  /** Releases this runtime's member file: it counts as stopped from now on. */
  @Override
  public void close() throws IOException {
    Path file = memberFile;
    memberFile = null;
    if (file == null) {
      return;
    }
    try {
      memberLock.release();
    } finally {
      try {
        memberChannel.close();
      } finally {
        OWN.remove(file);
        HELD.remove(file);
      }
    }
  }

  static Properties read(Path f) throws IOException {
    Properties p = new Properties();
    if (Files.exists(f)) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  private static void write(Path f, Properties p, String comment) throws IOException {
    Path next = f.resolveSibling(f.getFileName() + ".next");
    Files.deleteIfExists(next);
    Files.createFile(
        next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer w = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      p.store(w, comment);
    }
    Files.move(next, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
