package io.vineyard.meta.raft;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.ObjLongConsumer;
import org.jgroups.Address;
import org.jgroups.protocols.raft.Log;
import org.jgroups.protocols.raft.LogEntries;
import org.jgroups.protocols.raft.LogEntry;
import org.jgroups.util.Util;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.HTreeMap;
import org.mapdb.Serializer;

/**
 * jgroups-raft's {@link Log} in one MapDB file store with transactions: the entries, the current
 * term, the vote, the commit index and the latest snapshot.
 *
 * <p>Durability: every change Raft relies on before it answers (appends, term, vote, truncation,
 * snapshot installation) is on disk before the call returns. Appends, the one change on the path of
 * every write, cost one {@code write} and one {@code fsync} of a small append-only file beside the
 * store ({@code <file>.tail}, see {@link Tail}), not a MapDB commit (which syncs its own
 * write-ahead log and the store: about three times the cost of one fsync, measured in one run on
 * this machine's disk); MapDB takes the appended entries in memory and commits them at the next
 * checkpoint (every {@value #CHECKPOINT_RECORDS} appended entries or {@value #CHECKPOINT_BYTES}
 * bytes of tail, and with every other durable change), after which the tail starts empty. Opening
 * the log replays the tail over the store (idempotent: an append batch rewrites the same entries),
 * dropping a torn last batch, which no caller was told was written. The other changes (term, vote,
 * truncation, snapshot) are committed at once. The commit index alone is written without a commit
 * of its own (it rides on the next one, or on {@link #close}): Raft keeps it as volatile state, and
 * a restart that finds an older value only replays fewer entries and learns the rest from the
 * leader. A snapshot is committed together with the truncation or re-initialization that follows
 * it, so a crash never leaves a snapshot beside entries it already contains. With {@link
 * #useFsync(boolean) useFsync(false)} commits are deferred to {@link #close} (for tests only).
 *
 * <p>Indices follow jgroups-raft: {@link #firstAppended()} is 0 until the first truncation, then
 * the index of the entry kept at the head (the last one a snapshot covers). The term never goes
 * down, even when entries of a later term are deleted. Thread-safe (RAFT calls it from its runner
 * and from the election threads). No temporary files and no JVM shutdown hook: {@link #close} ends
 * it.
 */
public final class MapDbLog implements Log {
  private static final String TERM = "term";
  private static final String COMMIT = "commit";
  private static final String FIRST = "first";
  private static final String LAST = "last";
  private static final String VOTED_FOR = "voted_for";
  private static final String SNAPSHOT = "snapshot";
  private static final String EPOCH = "tail_epoch";

  private Path file;
  private DB db;
  private BTreeMap<Long, byte[]> entries;
  private HTreeMap<String, byte[]> meta;
  private long first;
  private long last;
  private long term;
  private long commit;
  private Address votedFor;
  private boolean fsync = true;
  private Tail tail;
  private long epoch;

  /** Appended entries after which the store is committed and the tail emptied. */
  static final int CHECKPOINT_RECORDS = 4096;

  /** Tail size after which the store is committed and the tail emptied. */
  static final long CHECKPOINT_BYTES = 4L << 20;

  /** An unopened log, as RAFT's {@code log_class} creates it; {@link #init} opens it. */
  public MapDbLog() {}

  /** Opens (or creates) the log stored in {@code file}. */
  public static MapDbLog open(Path file) throws IOException {
    MapDbLog log = new MapDbLog();
    log.openFile(file);
    return log;
  }

  /** Opens the file named {@code log_name} (RAFT passes {@code log_dir/prefix.log}). */
  @Override
  public void init(String log_name, Map<String, String> args) throws Exception {
    openFile(Path.of(log_name));
  }

  private synchronized void openFile(Path path) throws IOException {
    if (db != null) {
      throw new IllegalStateException("log " + file + " is already open");
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    file = path;
    // RandomAccessFile IO, not a FileChannel: RAFT stops its threads by interrupting them, and an
    // interrupt during a FileChannel write closes the channel (the store is then unusable until
    // reopened)
    db = DBMaker.fileDB(path.toFile()).transactionEnable().make();
    entries = db.treeMap("entries", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
    meta = db.hashMap("meta", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    first = readLong(FIRST);
    last = readLong(LAST);
    term = readLong(TERM);
    commit = readLong(COMMIT);
    byte[] vote = meta.get(VOTED_FOR);
    votedFor = vote == null ? null : readAddress(vote);
    epoch = readLong(EPOCH);
    tail = Tail.open(Path.of(path + Tail.SUFFIX), epoch, this::applyAppend);
    checkpoint(); // what the tail held is in the store now: start it empty
  }

  /** The file this log lives in. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized Log useFsync(boolean f) {
    fsync = f;
    return this;
  }

  @Override
  public synchronized boolean useFsync() {
    return fsync;
  }

  @Override
  public synchronized void close() {
    if (db != null) {
      db.commit();
      db.close();
      db = null;
      // the tail is kept as it is: the next open replays it over the store, which has it all
      // (replaying is idempotent), and a store that lost a change it was given still gets it back
      tail.close();
      tail = null;
    }
  }

  /** Closes the log and removes its files (the store and any write-ahead log left). */
  @Override
  public synchronized void delete() throws IOException {
    close();
    if (file != null) {
      Path dir = file.toAbsolutePath().getParent();
      String name = file.getFileName().toString();
      try (var files = Files.list(dir)) {
        for (Path p : files.filter(p -> p.getFileName().toString().startsWith(name)).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Override
  public synchronized long currentTerm() {
    return term;
  }

  @Override
  public synchronized Log currentTerm(long new_term) {
    term = new_term;
    writeLong(TERM, new_term);
    commit();
    return this;
  }

  @Override
  public synchronized Address votedFor() {
    return votedFor;
  }

  @Override
  public synchronized Log votedFor(Address member) {
    votedFor = member;
    if (member == null) {
      meta.remove(VOTED_FOR);
    } else {
      meta.put(VOTED_FOR, writeAddress(member));
    }
    commit();
    return this;
  }

  @Override
  public synchronized long commitIndex() {
    return commit;
  }

  @Override
  public synchronized Log commitIndex(long new_index) {
    commit = new_index;
    writeLong(COMMIT, new_index); // committed with the next durable change (see the class comment)
    return this;
  }

  @Override
  public synchronized long firstAppended() {
    return first;
  }

  @Override
  public synchronized long lastAppended() {
    return last;
  }

  @Override
  public synchronized void setSnapshot(ByteBuffer sn) {
    ByteBuffer b = sn.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    meta.put(SNAPSHOT, bytes); // committed by the truncate() or reinitializeTo() that follows
  }

  @Override
  public synchronized ByteBuffer getSnapshot() {
    byte[] bytes = meta.get(SNAPSHOT);
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }

  @Override
  public synchronized long append(long index, LogEntries toAppend) {
    List<byte[]> batch = new ArrayList<>(toAppend.size());
    for (LogEntry e : toAppend) {
      batch.add(encode(e));
    }
    if (!fsync) {
      applyAppend(index, batch);
      return last;
    }
    try {
      tail.append(epoch, index, batch);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Raft log's tail " + tail.path(), e);
    }
    applyAppend(index, batch);
    if (tail.records() >= CHECKPOINT_RECORDS || tail.bytes() >= CHECKPOINT_BYTES) {
      checkpoint();
    }
    return last;
  }

  /** An append batch into the store (not committed): from {@link #append} and the tail replay. */
  private void applyAppend(long index, List<byte[]> batch) {
    long i = index;
    long maxTerm = term;
    for (byte[] e : batch) {
      entries.put(i++, e);
      maxTerm = Math.max(maxTerm, ByteBuffer.wrap(e).getLong());
    }
    long newLast = i - 1;
    if (newLast < last) {
      entries
          .tailMap(newLast, false)
          .clear(); // entries after the appended ones are overwritten too
    }
    last = newLast;
    writeLong(LAST, last);
    if (maxTerm != term) {
      term = maxTerm;
      writeLong(TERM, term);
    }
  }

  @Override
  public synchronized LogEntry get(long index) {
    if (index <= 0 || index < first || index > last) {
      return null;
    }
    byte[] bytes = entries.get(index);
    return bytes == null ? null : decode(bytes);
  }

  @Override
  public synchronized void truncate(long index_exclusive) {
    long upTo = Math.min(index_exclusive, commit);
    entries.headMap(upTo, false).clear();
    first = upTo;
    writeLong(FIRST, first);
    if (last < upTo) {
      last = upTo;
      writeLong(LAST, last);
    }
    commit();
  }

  @Override
  public synchronized void reinitializeTo(long index, LogEntry entry) {
    entries.clear();
    entries.put(index, encode(entry));
    first = last = commit = index;
    writeLong(FIRST, index);
    writeLong(LAST, index);
    writeLong(COMMIT, index);
    term = Math.max(term, entry.term());
    writeLong(TERM, term);
    commit();
  }

  @Override
  public synchronized void deleteAllEntriesStartingFrom(long start_index) {
    if (start_index > last) {
      return;
    }
    entries.tailMap(start_index, true).clear();
    last = Math.max(start_index - 1, 0);
    writeLong(LAST, last);
    if (commit > last) {
      commit = last;
      writeLong(COMMIT, commit);
    }
    commit();
  }

  @Override
  public synchronized void forEach(
      ObjLongConsumer<LogEntry> function, long start_index, long end_index) {
    long from = Math.max(start_index, Math.max(first, 1));
    long to = Math.min(end_index, last);
    if (from > to) {
      return;
    }
    NavigableMap<Long, byte[]> range = entries.subMap(from, true, to, true);
    for (Map.Entry<Long, byte[]> e : range.entrySet()) {
      function.accept(decode(e.getValue()), e.getKey());
    }
  }

  @Override
  public void forEach(ObjLongConsumer<LogEntry> function) {
    forEach(function, 1, Long.MAX_VALUE);
  }

  @Override
  public synchronized long sizeInBytes() {
    long size = 0;
    for (byte[] e : entries.getValues()) {
      size += e.length - HEADER;
    }
    return size;
  }

  @Override
  public synchronized String toString() {
    return String.format(
        "MapDbLog %s: first=%d, commit=%d, last=%d, term=%d", file, first, commit, last, term);
  }

  /** Commits the store (and with it what the tail holds): every durable change but appends. */
  private void commit() {
    if (fsync) {
      checkpoint();
    }
  }

  /**
   * Commits the store, then empties the tail, whose entries the store now has on disk. The tail's
   * epoch moves on with the commit, so that a crash before the tail is emptied leaves records the
   * next open ignores (replaying them over a later truncation would bring deleted entries back).
   */
  private void checkpoint() {
    epoch++;
    writeLong(EPOCH, epoch);
    db.commit();
    try {
      tail.clear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the Raft log's tail " + tail.path(), e);
    }
  }

  private long readLong(String key) {
    byte[] b = meta.get(key);
    return b == null ? 0 : ByteBuffer.wrap(b).getLong();
  }

  private void writeLong(String key, long value) {
    meta.put(key, ByteBuffer.allocate(Long.BYTES).putLong(value).array());
  }

  // entry layout: term (8 bytes), flags (1 byte: 1 = internal, 2 = has a command), command bytes
  private static final int HEADER = Long.BYTES + 1;

  static byte[] encode(LogEntry e) {
    byte[] cmd = e.command();
    int len = cmd == null ? 0 : e.length();
    ByteBuffer b = ByteBuffer.allocate(HEADER + len);
    b.putLong(e.term());
    b.put((byte) ((e.internal() ? 1 : 0) | (cmd == null ? 0 : 2)));
    if (cmd != null) {
      b.put(cmd, e.offset(), len);
    }
    return b.array();
  }

  static LogEntry decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long t = b.getLong();
    int flags = b.get();
    byte[] cmd = null;
    if ((flags & 2) != 0) {
      cmd = new byte[b.remaining()];
      b.get(cmd);
    }
    return new LogEntry(t, cmd, 0, cmd == null ? 0 : cmd.length, (flags & 1) != 0);
  }

  private static byte[] writeAddress(Address a) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Util.writeAddress(a, new DataOutputStream(bytes));
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Address readAddress(byte[] bytes) {
    try {
      return Util.readAddress(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("the vote stored in the Raft log is unreadable: " + e, e);
    }
  }

  /**
   * The append-only file that makes appends durable between checkpoints: per entry one record,
   * {@code length (int), CRC-32 (int), epoch (long), index (long), last-of-batch (byte), entry},
   * the length and CRC covering everything after the CRC. One {@code write} and one {@code fsync}
   * per append batch. Not thread-safe: the log serializes.
   */
  static final class Tail implements AutoCloseable {
    static final String SUFFIX = ".tail";
    private static final int RECORD_HEADER = Integer.BYTES * 2;
    private static final int PAYLOAD_HEADER = Long.BYTES * 2 + 1;

    /** What a replay hands back: one complete append batch. */
    @FunctionalInterface
    interface Batches {
      void accept(long index, List<byte[]> batch);
    }

    private final Path path;
    private final java.io.RandomAccessFile file;
    private long records;
    private long bytes;

    private Tail(Path path, java.io.RandomAccessFile file) {
      this.path = path;
      this.file = file;
    }

    /**
     * Opens (or creates) the tail, handing each complete batch of {@code epoch} to {@code replay}
     * in order; a torn or corrupt end is cut off.
     */
    static Tail open(Path path, long epoch, Batches replay) throws IOException {
      java.io.RandomAccessFile f = new java.io.RandomAccessFile(path.toFile(), "rw");
      try {
        byte[] all = new byte[(int) Math.min(f.length(), Integer.MAX_VALUE)];
        f.readFully(all);
        ByteBuffer b = ByteBuffer.wrap(all);
        long good = 0;
        List<byte[]> batch = new ArrayList<>();
        long batchIndex = -1;
        while (b.remaining() >= RECORD_HEADER) {
          int len = b.getInt();
          int crc = b.getInt();
          if (len < PAYLOAD_HEADER || len > b.remaining()) {
            break;
          }
          java.util.zip.CRC32 c = new java.util.zip.CRC32();
          c.update(all, b.position(), len);
          if ((int) c.getValue() != crc) {
            break;
          }
          long recordEpoch = b.getLong();
          long index = b.getLong();
          boolean lastOfBatch = b.get() != 0;
          byte[] entry = new byte[len - PAYLOAD_HEADER];
          b.get(entry);
          if (recordEpoch != epoch) {
            good = b.position(); // written before the store's last commit: it has them
            continue;
          }
          if (batch.isEmpty()) {
            batchIndex = index;
          }
          batch.add(entry);
          if (lastOfBatch) {
            replay.accept(batchIndex, batch);
            batch = new ArrayList<>();
            good = b.position();
          }
        }
        f.setLength(good);
        f.seek(good);
        return new Tail(path, f);
      } catch (IOException | RuntimeException e) {
        f.close();
        throw e;
      }
    }

    Path path() {
      return path;
    }

    /** Records written since the last {@link #clear}. */
    long records() {
      return records;
    }

    /** Bytes written since the last {@link #clear}. */
    long bytes() {
      return bytes;
    }

    /** Writes one batch and syncs it to disk. */
    void append(long epoch, long index, List<byte[]> batch) throws IOException {
      int size = 0;
      for (byte[] e : batch) {
        size += RECORD_HEADER + PAYLOAD_HEADER + e.length;
      }
      ByteBuffer b = ByteBuffer.allocate(size);
      java.util.zip.CRC32 c = new java.util.zip.CRC32();
      for (int k = 0; k < batch.size(); k++) {
        byte[] e = batch.get(k);
        int start = b.position();
        b.putInt(PAYLOAD_HEADER + e.length).putInt(0);
        b.putLong(epoch).putLong(index + k).put((byte) (k == batch.size() - 1 ? 1 : 0)).put(e);
        c.reset();
        c.update(b.array(), start + RECORD_HEADER, PAYLOAD_HEADER + e.length);
        b.putInt(start + Integer.BYTES, (int) c.getValue());
      }
      file.write(b.array(), 0, size);
      file.getFD().sync();
      records += batch.size();
      bytes += size;
    }

    /** Empties the file (its records are in the committed store). */
    void clear() throws IOException {
      file.setLength(0);
      file.seek(0);
      records = 0;
      bytes = 0;
    }

    @Override
    public void close() {
      try {
        file.close();
      } catch (IOException e) {
        // nothing was pending: every append was synced
      }
    }
  }
}
