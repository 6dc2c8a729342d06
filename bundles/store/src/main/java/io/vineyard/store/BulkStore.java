package io.vineyard.store;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The instance's shared-memory blob store. Thread-safe.
 *
 * <p><b>Lifecycle.</b> {@link #create} allocates an unsealed blob owned by its creating connection,
 * which writes it through its own mapping and then {@link #seal}s it (immutable from then on).
 * Connections take references with {@link #acquire} and give them back with {@link #release} or by
 * going away ({@link #disconnect}). Creating takes no reference.
 *
 * <p><b>Who frees memory, and when.</b> A blob's memory goes back to the free ranges
 *
 * <ul>
 *   <li>when it is {@link #delete}d and no connection references it (at once, or at the last {@code
 *       release}/{@code disconnect} of a referencing connection);
 *   <li>when its creator {@link #drop}s it while unsealed, or disconnects before sealing it; an
 *       unsealed blob is private to its creator, so references others took (unsafe reads) do not
 *       keep it: they are forgotten.
 * </ul>
 *
 * A sealed blob that is never deleted lives until {@link #close()}. With a spill folder ({@link
 * SpillSettings}), sealed blobs nobody references may be written to disk and their memory freed
 * under memory pressure; {@link #acquire} loads them back (same ID, maybe another offset). Freed
 * memory stays resident for reuse (fresh shared memory is slow to touch); {@link #trim()} hands it
 * back to the system.
 *
 * <p><b>The empty blob.</b> {@link ObjectId#EMPTY_BLOB} (size 0) exists without being created:
 * {@code create} of size 0 returns it, {@code contains}/{@code find}/{@code acquire} see it, and
 * {@code seal}, {@code release} and {@code drop} of it do nothing. It takes no memory, holds no
 * references, cannot be deleted, and is not counted by {@link #blobCount()} nor listed by {@link
 * #blobs()}.
 *
 * <p>Connections are the server's numbers for its clients; any {@code long} will do. After {@link
 * #close()} every operation throws {@link VineyardException.AlreadyStopped}.
 */
@ProviderType
public interface BulkStore extends AutoCloseable {

  /** The cap in bytes ({@code --size}): {@link #used()} never exceeds it. */
  long limit();

  /**
   * The bytes allocated to blobs (sealed or not), each rounded up to 64: those in the table and
   * those deleted but still referenced.
   */
  long used();

  /** The number of blobs in the table (deleted ones excluded, the empty blob excluded). */
  int blobCount();

  /**
   * Allocates an unsealed blob of {@code size} bytes for {@code connection}, which owns it until it
   * seals it. No reference is taken. A size of 0 returns the empty blob's handle (id {@link
   * ObjectId#EMPTY_BLOB}, storeFd -1, offset 0, size 0, mapSize 0, sealed, creator -1) and ignores
   * {@code id}.
   *
   * @throws VineyardException.NotEnoughMemory when no free range can hold it; the message names the
   *     bytes requested, used and the limit, and says to raise {@code --size}. Nothing is allocated
   *     then.
   * @throws VineyardException.Invalid when {@code size} is negative or {@code id} is not a blob ID
   * @throws VineyardException.ObjectExists when {@code id} is taken (also by a deleted blob still
   *     referenced)
   */
  BlobHandle create(long connection, ObjectId id, long size);

  /**
   * Seals an unsealed blob: immutable and readable by every connection from now on, and no longer
   * freed when its creator goes away. Any connection may seal it, and sealing a sealed blob does
   * nothing (both as in vineyardd).
   *
   * @throws VineyardException.ObjectNotExists when no such blob is in the table
   */
  void seal(long connection, ObjectId id);

  /**
   * Records that {@code connection} uses the blob and returns where it lives. Unsealed blobs only
   * when {@code allowUnsealed} (vineyardd's {@code unsafe}); such a reference does not keep an
   * unsealed blob alive (see the class comment). A connection holds at most one reference per blob,
   * as in vineyardd (a dependency, not a count): acquiring again changes nothing, and one {@link
   * #release} (or {@link #disconnect}) gives it back.
   *
   * @throws VineyardException.ObjectNotExists when no such blob is in the table (deleted ones
   *     included)
   * @throws VineyardException.ObjectNotSealed when it is unsealed and {@code allowUnsealed} is
   *     false
   */
  BlobHandle acquire(long connection, ObjectId id, boolean allowUnsealed);

  /**
   * Drops the reference of {@code connection}; a deleted blob's memory is freed with the last one.
   *
   * @throws VineyardException.ObjectNotExists when {@code connection} holds no reference to it
   */
  void release(long connection, ObjectId id);

  /**
   * Frees an unsealed blob that {@code connection} created ({@code drop_buffer}), at once:
   * references others hold to it are forgotten, since unsealed blobs are private.
   *
   * <p>Sealed blobs cannot be dropped: once sealed a blob may be part of objects and read by
   * others, so only {@link #delete}, which waits for the last reference, removes it.
   *
   * @throws VineyardException.ObjectNotExists when no such blob is in the table
   * @throws VineyardException.ObjectSealed when it is sealed
   * @throws VineyardException.Invalid when {@code connection} did not create it
   */
  void drop(long connection, ObjectId id);

  /**
   * Gives back the unused tail of an unsealed blob ({@code shrink_buffer}): the blob keeps its
   * first {@code size} bytes (its ID, place and the bytes written there), and the rest of its
   * allocation returns to the free ranges at once, so {@link #used()} drops and the memory can be
   * allocated again. Any connection may shrink it, as in vineyardd; shrinking to the current size
   * does nothing. A blob shrunk to 0 bytes keeps 64 until it is freed.
   *
   * @return the bytes returned to the free ranges
   * @throws VineyardException.ObjectNotExists when no such blob is in the table
   * @throws VineyardException.ObjectSealed when it is sealed
   * @throws VineyardException.Invalid when {@code size} is negative or larger than the blob
   */
  long shrink(long connection, ObjectId id, long size);

  /**
   * Whether some connection references the blob ({@code is_in_use}): a blob in use is not freed by
   * a delete until the last reference goes.
   *
   * @throws VineyardException.ObjectNotExists when no such blob is in the table
   */
  boolean inUse(ObjectId id);

  /**
   * Removes the blob from the table; its memory is freed as soon as no connection references it
   * (immediately when none does). Unsealed blobs are deleted the same way.
   *
   * @return false if no such blob is in the table (the empty blob included)
   */
  boolean delete(ObjectId id);

  /**
   * Spills the given blobs to disk now, freeing their memory ({@code evict_request}); only with a
   * spill folder. Unknown IDs, pinned blobs and blobs a connection references are passed over.
   *
   * @throws VineyardException.Invalid when the store has no spill folder
   * @throws VineyardException with code ObjectNotSealed, ObjectSpilled or IOError for blobs that
   *     could not be spilled (the others are), naming them
   */
  void evict(List<ObjectId> ids);

  /**
   * Loads spilled blobs back into memory ({@code load_request}), and pins them when {@code pin}:
   * pinned blobs are never spilled until {@link #unpin}ned. Does nothing without a spill folder, as
   * vineyardd; unknown IDs are passed over. {@link #acquire} loads a spilled blob by itself.
   *
   * @throws VineyardException.NotEnoughMemory when a blob fits nowhere even after spilling others
   */
  void load(List<ObjectId> ids, boolean pin);

  /** Lets pinned blobs be spilled again ({@code unpin_request}); unknown IDs are passed over. */
  void unpin(List<ObjectId> ids);

  /** Whether the blob is in the table and spilled to disk ({@code is_spilled_request}). */
  boolean isSpilled(ObjectId id);

  /** Whether the blob is in the table (the empty blob always is; deleted blobs are not). */
  boolean contains(ObjectId id);

  /** Where a blob in the table lives, without taking a reference. */
  Optional<BlobHandle> find(ObjectId id);

  /** A snapshot of the blobs in the table, in no particular order. */
  List<BlobHandle> blobs();

  /**
   * A connection went away: drops all its references (freeing deleted blobs they kept) and frees
   * the unsealed blobs it created. Unknown connections are ignored.
   */
  void disconnect(long connection);

  /**
   * Returns the memory of free ranges to the system (fallocate punch hole on the arena files). Only
   * pages freed since the last trim and now wholly free are punched; they read as zeros and cost a
   * first touch when allocated again. Blocks other operations while it runs.
   *
   * @return the bytes punched (an upper bound of the memory released: untouched pages cost none)
   */
  long trim();

  /** The arena files blobs are allocated in. */
  List<ArenaFile> arenas();

  /**
   * The arena file with the given fd.
   *
   * @throws VineyardException.Invalid when no arena has that fd
   */
  ArenaFile arena(int storeFd);

  /**
   * Closes the store: closes the arena fds, deletes the arena files, then the folder unless
   * something else is in it. Blobs are gone afterwards; clients' mappings keep their memory until
   * they unmap it. Idempotent.
   */
  @Override
  void close();
}
