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

  /**
   * Gives back the unused tail of the blob before it is sealed ({@code shrink_buffer}): the blob
   * keeps its first {@code size} bytes, which {@link #segment()} covers from now on, and the rest
   * of its memory is free for other blobs at once. Useful when a writer learns the real size only
   * after writing (a compressed or serialized value).
   *
   * @throws VineyardException.Invalid when {@code size} is negative or larger than {@link #size()}
   * @throws VineyardException.ObjectSealed when already sealed
   */
  void shrink(long size);

  /** Drops the blob if it was not sealed. */
  @Override
  void close();
}
