package io.vineyard.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The producer's side of a stream: it hands chunks to the stream's reader, in order.
 *
 * <p>A chunk is either written in place, {@link #nextChunk} (the instance allocates it; it is
 * handed over, sealed, at the next {@code nextChunk} or at {@link #stop()}), or made by the
 * producer as any object and handed over with {@link #push}. Closing a writer that was not stopped
 * stops it (the reader reads what was handed over, then the end).
 */
@ProviderType
public interface StreamWriter extends AutoCloseable {

  /** The stream's ID. */
  ObjectId id();

  /**
   * A new chunk of {@code size} bytes to write in place; the chunk asked for before is handed over.
   * Write into its {@link BlobWriter#segment()} (it may be {@link BlobWriter#shrink shrunk});
   * sealing it is not needed, and closing it does not drop it.
   *
   * @throws VineyardException.NotEnoughMemory when the instance's memory limit would be exceeded
   * @throws VineyardException with code 44 (InvalidStreamState) when the stream was stopped
   */
  BlobWriter nextChunk(long size);

  /**
   * Hands over a chunk the producer made: a sealed blob or any object.
   *
   * @throws VineyardException with code 44 (InvalidStreamState) when the stream was stopped
   */
  void push(ObjectId chunk);

  /** Ends the stream: its reader gets the chunks handed over, then the end. */
  void stop();

  /** Ends the stream in failure: its reader gets {@link VineyardException.StreamFailed}. */
  void fail();

  /** Stops the stream unless it was stopped or failed already. */
  @Override
  void close();
}
