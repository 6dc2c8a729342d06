package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.store.ArenaFile;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import io.vineyard.store.Sizes;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link BulkStore} over arena files in one folder; one lock guards the arenas and the table.
 *
 * <p>Who frees memory and when is written on {@link BulkStore}; {@link ArenaSet} says how the
 * arenas are laid out.
 */
public final class SharedMemoryStore implements BulkStore {
  private static final System.Logger LOG = System.getLogger(SharedMemoryStore.class.getName());
  private static final BlobHandle EMPTY = new BlobHandle(ObjectId.EMPTY_BLOB, -1, 0, 0, 0, true, -1);

  private final Path dir;
  private final long limit;
  private final ArenaSet arenas;
  private final BlobTable table = new BlobTable();
  private boolean closed;

  private SharedMemoryStore(Path dir, long limit, ArenaSet arenas) {
    this.dir = dir;
    this.limit = limit;
    this.arenas = arenas;
  }

  /** See {@link io.vineyard.store.BulkStores#open}. */
  public static SharedMemoryStore open(Path shmDir, long limit) throws IOException {
    if (limit <= 0) {
      throw new IllegalArgumentException("the store size must be positive, was " + limit + " bytes (--size)");
    }
    ArenaSet arenas = ArenaSet.create(shmDir, limit);
    LOG.log(Level.INFO, "bulk store of " + Sizes.format(limit) + " in " + shmDir);
    return new SharedMemoryStore(shmDir, limit, arenas);
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
      throw new VineyardException.Invalid("not a blob id: " + id + " (blob ids have the top bit set; "
          + ObjectId.EMPTY_BLOB + " is the empty blob)");
    }
    if (table.taken(id)) {
      throw new VineyardException.ObjectExists("blob " + id + " already exists");
    }
    ArenaSet.Placement at = arenas.allocate(size);
    if (at == null) {
      throw new VineyardException.NotEnoughMemory("cannot create blob " + id + ": "
          + ArenaAllocator.shortage(size, arenas.used(), limit, arenas.largestFree()));
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
      throw new VineyardException.ObjectSealed("blob " + id + " is already sealed");
    }
    requireCreator(e, connection, "seal");
    table.seal(e);
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
      throw new VineyardException.ObjectNotExists("connection " + connection + " holds no reference to blob " + id);
    }
    if (e.deleted && e.refs.isEmpty()) {
      free(e);
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
      throw new VineyardException.ObjectSealed("blob " + id + " is sealed: it can only be deleted, not dropped");
    }
    requireCreator(e, connection, "drop");
    free(e);
  }

  @Override
  public synchronized boolean delete(ObjectId id) {
    ensureOpen();
    BlobEntry e = table.live(id);
    if (e == null) {
      return false;
    }
    table.delete(e);
    if (e.refs.isEmpty()) {
      free(e);
    }
    return true;
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
      }
    }
    for (BlobEntry e : left.owned()) {
      free(e);
    }
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
    table.clear();
    arenas.close();
    LOG.log(Level.INFO, "bulk store in " + dir + " closed");
  }

  /** Gives a blob's memory back to its arena, forgetting every reference to it. Idempotent. */
  private void free(BlobEntry e) {
    if (e.freed) {
      return;
    }
    e.freed = true;
    table.forget(e);
    e.arena.allocator().free(e.offset, e.size);
  }

  private BlobEntry existing(ObjectId id, String operation) {
    BlobEntry e = table.live(id);
    if (e == null) {
      throw new VineyardException.ObjectNotExists("cannot " + operation + " blob " + id + ": it does not exist");
    }
    return e;
  }

  private static void requireCreator(BlobEntry e, long connection, String operation) {
    if (e.creator != connection) {
      throw new VineyardException.Invalid("blob " + e.id + " was created by connection " + e.creator
          + ", not " + connection + ": only its creator can " + operation + " it");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new VineyardException.AlreadyStopped("the bulk store in " + dir + " is closed");
    }
  }
}
