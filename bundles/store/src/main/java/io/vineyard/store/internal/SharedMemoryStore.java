package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.settings.Sizes;
import io.vineyard.store.ArenaFile;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import io.vineyard.store.SpillSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link BulkStore} over arena files in one folder; one lock guards the arenas and the table.
 *
 * <p>Who frees memory and when is written on {@link BulkStore}; {@link ArenaSet} says how the
 * arenas are laid out.
 *
 * <p><b>Kept across runs</b> (unless opened with {@code keep} false): every seal and delete is
 * recorded in the {@link BlobIndex} beside the arenas, and {@link #close()} leaves the arena files
 * and the index in place. A store opened on a folder that holds them (after a clean stop, or after
 * its process was killed) re-opens the arenas and brings back every blob that was sealed and not
 * deleted, with its ID, bytes and place; blobs that were not sealed yet are gone, their memory
 * free. Nothing survives a reboot: the folder is on tmpfs.
 *
 * <p><b>Spilling</b> (with {@link SpillSettings}): see {@link Spiller}. A spilled blob stays in the
 * table, counts in {@link #blobCount()} but not in {@link #used()}, and is loaded back by the next
 * {@link #acquire}; kept across runs like a resident one (its file stays in the spill folder).
 */
public final class SharedMemoryStore implements BulkStore {
  private static final System.Logger LOG = System.getLogger(SharedMemoryStore.class.getName());
  private static final BlobHandle EMPTY =
      new BlobHandle(ObjectId.EMPTY_BLOB, -1, 0, 0, 0, true, -1);

  private final Path dir;
  private final long limit;
  private final ArenaSet arenas;
  private final BlobIndex index;
  private final boolean keep;
  private final BlobTable table = new BlobTable();
  private final Spiller spiller;
  private boolean closed;

  private SharedMemoryStore(
      Path dir,
      long limit,
      ArenaSet arenas,
      BlobIndex index,
      boolean keep,
      SpillFiles spillFiles,
      SpillSettings spill) {
    this.dir = dir;
    this.limit = limit;
    this.arenas = arenas;
    this.index = index;
    this.keep = keep;
    this.spiller = spillFiles == null ? null : new Spiller(spillFiles, spill, limit, arenas, index);
  }

  /** See {@link io.vineyard.store.BulkStores#open}: a store whose files go when it closes. */
  public static SharedMemoryStore open(Path shmDir, long limit) throws IOException {
    return open(shmDir, limit, false);
  }

  /** See {@link io.vineyard.store.BulkStores#open(Path, long, boolean)}. */
  public static SharedMemoryStore open(Path shmDir, long limit, boolean keep) throws IOException {
    return open(shmDir, limit, keep, null);
  }

  /**
   * See {@link io.vineyard.store.BulkStores#open(Path, long, boolean, SpillSettings)}: {@code
   * spill} null spills nothing.
   */
  public static SharedMemoryStore open(Path shmDir, long limit, boolean keep, SpillSettings spill)
      throws IOException {
    if (limit <= 0) {
      throw new IllegalArgumentException(
          "the store size must be positive, was " + limit + " bytes (--size)");
    }
    SpillFiles spillFiles = spill == null ? null : SpillFiles.open(spill.dir(), shmDir);
    if (keep && ArenaSet.existsIn(shmDir) && BlobIndex.exists(shmDir)) {
      return reopen(shmDir, limit, spillFiles, spill);
    }
    if (spillFiles != null) {
      spillFiles.retainOnly(Set.of()); // an earlier run's files, which no index names now
    }
    ArenaSet arenas = ArenaSet.create(shmDir, limit);
    BlobIndex index = null;
    try {
      if (keep) {
        index = BlobIndex.create(shmDir);
      } else {
        java.nio.file.Files.deleteIfExists(
            shmDir.resolve(BlobIndex.FILE)); // a stale one must not bring blobs back
      }
    } catch (IOException | RuntimeException e) {
      arenas.close();
      throw e;
    }
    LOG.log(Level.INFO, "bulk store of " + Sizes.format(limit) + " in " + shmDir);
    SharedMemoryStore s =
        new SharedMemoryStore(shmDir, limit, arenas, index, keep, spillFiles, spill);
    s.warnIfFilesystemSmaller();
    return s;
  }

  private static SharedMemoryStore reopen(
      Path dir, long limit, SpillFiles spillFiles, SpillSettings spill) throws IOException {
    var kept = BlobIndex.reopen(dir);
    long end = 0;
    long bytes = 0;
    Set<ObjectId> spilled = new HashSet<>();
    for (BlobIndex.Sealed b : kept.getValue()) {
      if (b.isSpilled()) {
        spilled.add(b.id());
        continue;
      }
      end = Math.max(end, b.offset() + ArenaAllocator.align(b.size()));
      bytes += b.size();
    }
    if (!spilled.isEmpty() && spillFiles == null) {
      kept.getKey().close();
      throw new IllegalStateException(
          spilled.size()
              + " blobs kept in "
              + dir
              + " from the last run are spilled to disk: start with the same --spill-path to have"
              + " them back, or delete "
              + dir
              + " to drop every kept blob");
    }
    if (end > limit) {
      kept.getKey().close();
      throw new IllegalStateException(
          "--size "
              + Sizes.format(limit)
              + " is smaller than the blobs kept in "
              + dir
              + " from the last run need ("
              + Sizes.format(end)
              + "): raise --size, or delete "
              + dir
              + " to drop them");
    }
    ArenaSet arenas = ArenaSet.reopen(dir, limit);
    SharedMemoryStore s =
        new SharedMemoryStore(dir, limit, arenas, kept.getKey(), true, spillFiles, spill);
    if (spillFiles != null) {
      spillFiles.retainOnly(spilled);
    }
    List<ObjectId> lost = new ArrayList<>();
    for (BlobIndex.Sealed b : kept.getValue()) {
      if (b.isSpilled()) {
        if (!s.restoreSpilled(b)) {
          lost.add(b.id());
        }
        continue;
      }
      ShmArena arena = arenas.get(b.arena());
      if (arena == null) {
        continue; // an arena that is no more: its blobs with it
      }
      arena.allocator().reserve(b.offset(), Math.max(1, b.size()));
      BlobEntry e = new BlobEntry(b.id(), arena, b.offset(), b.size(), -1);
      s.table.restore(e);
      s.becameCold(e);
    }
    for (ObjectId id : lost) {
      s.index.deleted(id, s::sealedNow); // once the table is whole: a rewrite lists every blob
    }
    LOG.log(
        Level.INFO,
        "bulk store of "
            + Sizes.format(limit)
            + " in "
            + dir
            + ": "
            + s.table.size()
            + " blobs ("
            + Sizes.format(bytes)
            + ") kept from the last run"
            + (s.spiller == null || s.spiller.spilledBytes() == 0
                ? ""
                : ", "
                    + Sizes.format(s.spiller.spilledBytes())
                    + " of them spilled in "
                    + s.spiller.files().dir()));
    s.warnIfFilesystemSmaller();
    return s;
  }

  @Override
  public long limit() {
    return limit;
  }

  @Override
  public synchronized long used() {
    return arenas.used();
  }

  @Override
  public synchronized int blobCount() {
    return table.size();
  }

  @Override
  public synchronized BlobHandle create(long connection, ObjectId id, long size) {
    ensureOpen();
    if (size < 0) {
      throw new VineyardException.Invalid("cannot create blob " + id + " of negative size " + size);
    }
    if (size == 0) {
      return EMPTY;
    }
    if (id == null || !id.isBlob() || id.equals(ObjectId.EMPTY_BLOB)) {
      throw new VineyardException.Invalid(
          "not a blob id: "
              + id
              + " (blob ids have the top bit set; "
              + ObjectId.EMPTY_BLOB
              + " is the empty blob)");
    }
    if (table.taken(id)) {
      throw new VineyardException.ObjectExists("blob " + id + " already exists");
    }
    ArenaSet.Placement at = spiller == null ? arenas.allocate(size) : spiller.allocate(size);
    if (at == null) {
      throw new VineyardException.NotEnoughMemory(
          "cannot create blob "
              + id
              + ": "
              + ArenaAllocator.shortage(size, arenas.used(), limit, arenas.largestFree())
              + (spiller == null ? "" : spiller.lastFailure()));
    }
    if (!at.arena().reserve(at.offset(), ArenaAllocator.align(size))) {
      at.arena().allocator().free(at.offset(), size);
      throw new VineyardException.NotEnoughMemory(
          "cannot create blob "
              + id
              + " of "
              + size
              + " bytes ("
              + Sizes.format(size)
              + "): the filesystem of "
              + dir
              + " cannot back it ("
              + Sizes.format(fsFree())
              + " free there, "
              + Sizes.format(arenas.used())
              + " of --size "
              + Sizes.format(limit)
              + " in use): free space in it, or lower --size to what it holds");
    }
    BlobEntry e = new BlobEntry(id, at.arena(), at.offset(), size, connection);
    table.add(e);
    return e.handle();
  }

  @Override
  public synchronized void seal(long connection, ObjectId id) {
    ensureOpen();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return;
    }
    BlobEntry e = existing(id, "seal");
    if (e.sealed) {
      return; // as vineyardd: sealing a sealed blob marks it sealed again (some builders seal
      // twice)
    }
    // any connection may seal it, as in vineyardd (its seal checks no owner): from now on nobody
    // owns it
    if (index != null) {
      index.sealed(id, arenas.indexOf(e.arena), e.offset, e.size);
    }
    table.seal(e);
    becameCold(e);
  }

  @Override
  public synchronized BlobHandle acquire(long connection, ObjectId id, boolean allowUnsealed) {
    ensureOpen();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return EMPTY;
    }
    BlobEntry e = existing(id, "get");
    if (!e.sealed && !allowUnsealed) {
      throw new VineyardException.ObjectNotSealed("blob " + id + " is not sealed yet");
    }
    if (spiller != null) {
      spiller.warm(e);
      if (e.spilled) {
        spiller.load(e, limit); // loaded back transparently, same ID, maybe another place
      }
    }
    table.addRef(connection, e);
    return e.handle();
  }

  @Override
  public synchronized void release(long connection, ObjectId id) {
    ensureOpen();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return;
    }
    BlobEntry e = table.dropRef(connection, id);
    if (e == null) {
      throw new VineyardException.ObjectNotExists(
          "connection " + connection + " holds no reference to blob " + id);
    }
    if (e.deleted && e.refs.isEmpty()) {
      free(e);
    } else {
      becameCold(e);
    }
  }

  @Override
  public synchronized void drop(long connection, ObjectId id) {
    ensureOpen();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return;
    }
    BlobEntry e = existing(id, "drop");
    if (e.sealed) {
      throw new VineyardException.ObjectSealed(
          "blob " + id + " is sealed: it can only be deleted, not dropped");
    }
    requireCreator(e, connection, "drop");
    free(e);
  }

  @Override
  public synchronized long shrink(long connection, ObjectId id, long size) {
    ensureOpen();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      if (size != 0) {
        throw new VineyardException.Invalid(
            "cannot shrink the empty blob " + id + " to " + size + " bytes: it has none");
      }
      return 0;
    }
    BlobEntry e = existing(id, "shrink");
    if (e.sealed) {
      throw new VineyardException.ObjectSealed(
          "cannot shrink blob "
              + id
              + ": it is sealed (only an unsealed blob can give back memory)");
    }
    if (size < 0 || size > e.size) {
      throw new VineyardException.Invalid(
          "cannot shrink blob "
              + id
              + " of "
              + e.size
              + " bytes to "
              + size
              + " bytes: the new size must be between 0 and its size");
    }
    long freed = e.arena.allocator().shrink(e.offset, e.size, size);
    e.size = size;
    return freed;
  }

  @Override
  public synchronized boolean inUse(ObjectId id) {
    ensureOpen();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return false;
    }
    return !existing(id, "check the use of").refs.isEmpty();
  }

  @Override
  public synchronized boolean delete(ObjectId id) {
    ensureOpen();
    BlobEntry e = table.live(id);
    if (e == null) {
      return false;
    }
    table.delete(e);
    if (e.sealed && index != null) {
      index.deleted(id, this::sealedNow); // after: a rewrite of the index must not list it
    }
    if (e.refs.isEmpty()) {
      free(e);
    }
    return true;
  }

  @Override
  public synchronized void evict(List<ObjectId> ids) {
    ensureOpen();
    if (spiller == null) {
      throw new VineyardException.Invalid(
          "cannot evict "
              + ids
              + ": spilling is disabled (start the runtime with --spill-path DIR)");
    }
    spiller.evict(liveOf(ids));
  }

  @Override
  public synchronized void load(List<ObjectId> ids, boolean pin) {
    ensureOpen();
    if (spiller == null) {
      return; // as vineyardd: nothing is ever spilled, so there is nothing to load (nor pin)
    }
    for (BlobEntry e : liveOf(ids)) {
      e.pinned |= pin;
      if (e.spilled) {
        spiller.load(e, limit);
        becameCold(e);
      }
    }
  }

  @Override
  public synchronized void unpin(List<ObjectId> ids) {
    ensureOpen();
    for (BlobEntry e : liveOf(ids)) {
      e.pinned = false;
    }
  }

  @Override
  public synchronized boolean isSpilled(ObjectId id) {
    ensureOpen();
    BlobEntry e = table.live(id);
    return e != null && e.spilled;
  }

  /** The blobs of the table among {@code ids}, in order; unknown ones are left out. */
  private List<BlobEntry> liveOf(List<ObjectId> ids) {
    List<BlobEntry> out = new ArrayList<>(ids.size());
    for (ObjectId id : ids) {
      BlobEntry e = table.live(id);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  @Override
  public synchronized boolean contains(ObjectId id) {
    ensureOpen();
    return ObjectId.EMPTY_BLOB.equals(id) || table.live(id) != null;
  }

  @Override
  public synchronized Optional<BlobHandle> find(ObjectId id) {
    ensureOpen();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return Optional.of(EMPTY);
    }
    return Optional.ofNullable(table.live(id)).map(BlobEntry::handle);
  }

  @Override
  public synchronized List<BlobHandle> blobs() {
    ensureOpen();
    List<BlobHandle> out = new ArrayList<>(table.size());
    for (BlobEntry e : table.liveEntries()) {
      out.add(e.handle());
    }
    return out;
  }

  @Override
  public synchronized void disconnect(long connection) {
    ensureOpen();
    BlobTable.Departed left = table.disconnect(connection);
    if (left == null) {
      return;
    }
    for (BlobEntry e : left.referenced()) {
      if (e.deleted && e.refs.isEmpty()) {
        free(e);
      } else {
        becameCold(e);
      }
    }
    for (BlobEntry e : left.owned()) {
      free(e);
    }
  }

  /**
   * Allocates all of the store's shared memory now and keeps it allocated ({@code
   * --reserve-memory}, vineyardd's {@code --reserve_memory}): creates then never wait for the
   * filesystem to allocate pages, and freed blobs leave their pages for the next ones.
   */
  public synchronized void reserveAll() throws IOException {
    ensureOpen();
    long t0 = System.nanoTime();
    arenas.reserveWhole();
    LOG.log(
        Level.INFO,
        "reserved "
            + Sizes.format(limit)
            + " in "
            + dir
            + " ("
            + (System.nanoTime() - t0) / 1_000_000
            + " ms)");
  }

  @Override
  public synchronized long trim() {
    ensureOpen();
    long trimmed = arenas.trim();
    LOG.log(Level.DEBUG, () -> "trim handed back " + Sizes.format(trimmed));
    return trimmed;
  }

  @Override
  public synchronized List<ArenaFile> arenas() {
    ensureOpen();
    return arenas.files();
  }

  @Override
  public synchronized ArenaFile arena(int storeFd) {
    ensureOpen();
    ArenaFile file = arenas.file(storeFd);
    if (file == null) {
      throw new VineyardException.Invalid("no arena with store fd " + storeFd);
    }
    return file;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    int blobs = 0;
    for (BlobEntry e : table.liveEntries()) {
      blobs += e.sealed ? 1 : 0;
    }
    table.clear();
    if (spiller != null && !keep) {
      spiller.files().deleteAll();
    }
    if (keep) {
      index.close();
      arenas.closeKeeping();
      LOG.log(
          Level.INFO,
          "bulk store in "
              + dir
              + " closed; its "
              + blobs
              + " sealed blobs are kept there for the next"
              + " start (delete the folder, or stop with --no-keep, to free them)");
    } else {
      arenas.close();
      LOG.log(Level.INFO, "bulk store in " + dir + " closed");
    }
  }

  /**
   * Brings back a blob an earlier run spilled, if its file is whole; false (the caller records it
   * deleted) when not.
   */
  private boolean restoreSpilled(BlobIndex.Sealed b) {
    if (!spiller.files().holds(b.id(), b.size())) {
      LOG.log(
          Level.WARNING,
          "blob "
              + b.id()
              + " was spilled by the last run, but its file in "
              + spiller.files().dir()
              + " is missing or cut short: dropped");
      return false;
    }
    BlobEntry e = new BlobEntry(b.id(), null, 0, b.size(), -1);
    e.spilled = true;
    table.restore(e);
    spiller.restoredSpilled(e);
    return true;
  }

  /** Tells the spiller that nobody references a sealed blob now. */
  private void becameCold(BlobEntry e) {
    if (spiller != null) {
      spiller.cold(e);
    }
  }

  private long fsFree() {
    try {
      return java.nio.file.Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Warns at open when the filesystem cannot hold {@code --size}: creates beyond what it can fail
   * with NotEnoughMemory.
   */
  private void warnIfFilesystemSmaller() {
    long free = fsFree() + arenas.used();
    if (free < limit) {
      LOG.log(
          Level.WARNING,
          "--size "
              + Sizes.format(limit)
              + " is more than the filesystem of "
              + dir
              + " can hold ("
              + Sizes.format(free)
              + " free for this store): creates beyond that fail with NotEnoughMemory (code 41);"
              + " lower --size or make room there");
    }
  }

  /** The sealed blobs in the table, as the index records them (for a rewrite of the index). */
  private List<BlobIndex.Sealed> sealedNow() {
    List<BlobIndex.Sealed> out = new ArrayList<>();
    for (BlobEntry e : table.liveEntries()) {
      if (e.sealed) {
        out.add(
            e.spilled
                ? BlobIndex.Sealed.spilled(e.id, e.size)
                : new BlobIndex.Sealed(e.id, arenas.indexOf(e.arena), e.offset, e.size));
      }
    }
    return out;
  }

  /** Gives a blob's memory back to its arena, forgetting every reference to it. Idempotent. */
  private void free(BlobEntry e) {
    if (e.freed) {
      return;
    }
    e.freed = true;
    table.forget(e);
    if (spiller != null) {
      spiller.forget(e);
    }
    if (!e.spilled) {
      e.arena.allocator().free(e.offset, Math.max(1, e.size)); // shrunk to 0: its 64 bytes
    }
  }

  private BlobEntry existing(ObjectId id, String operation) {
    BlobEntry e = table.live(id);
    if (e == null) {
      throw new VineyardException.ObjectNotExists(
          "cannot " + operation + " blob " + id + ": it does not exist");
    }
    return e;
  }

  private static void requireCreator(BlobEntry e, long connection, String operation) {
    if (e.creator != connection) {
      throw new VineyardException.Invalid(
          "blob "
              + e.id
              + " was created by connection "
              + e.creator
              + ", not "
              + connection
              + ": only its creator can "
              + operation
              + " it");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new VineyardException.AlreadyStopped("the bulk store in " + dir + " is closed");
    }
  }
}
