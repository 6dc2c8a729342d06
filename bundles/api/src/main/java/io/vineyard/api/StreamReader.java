package io.vineyard.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The consumer's side of a stream: the chunks its writer hands over, in order. Read a chunk with
 * the client ({@code client.get(chunk)}); the chunk taken before is deleted by the instance when
 * the next one is taken (memory it held is freed once no client references it).
 */
@ProviderType
public interface StreamReader extends AutoCloseable {

  /** The stream's ID. */
  ObjectId id();

  /**
   * The next chunk, waiting until the writer hands one over or ends the stream.
   *
   * @return the chunk, or empty at the end of the stream
   * @throws VineyardException.StreamFailed when the writer failed the stream or it was dropped
   */
  Optional<ObjectId> next();

  /** Closes the reader's connection (a waiting {@link #next()} fails). */
  @Override
  void close();
}
