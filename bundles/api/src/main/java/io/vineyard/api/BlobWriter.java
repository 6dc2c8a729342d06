package io.vineyard.api;

import java.lang.foreign.MemorySegment;

/**
 * A blob being created in place: write into {@link #segment()}, then {@link #seal()}.
 *
 * <p>The memory belongs to the instance's bulk store and is writable only until the blob is sealed.
 * Closing an unsealed writer drops the blob and frees its memory; closing after {@link #seal()}
 * does nothing. Memory of a writer whose client disconnects before sealing is freed by the server.
 */
public interface BlobWriter extends AutoCloseable {

  /** The blob's ID, assigned at creation. */
  ObjectId id();

  /** The size of the blob in bytes. */
  long size();

  /** The writable shared memory of the blob (exactly {@link #size()} bytes). */
  MemorySegment segment();

  /**
   * Seals the blob: from now on it is immutable and readable by every client of the instance.
   *
   * @return the blob's ID
   * @throws VineyardException.ObjectSealed when already sealed
   */
  ObjectId seal();

  /** Drops the blob if it was not sealed. */
  @Override
  void close();
}
