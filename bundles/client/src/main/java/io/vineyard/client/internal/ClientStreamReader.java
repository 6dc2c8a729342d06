package io.vineyard.client.internal;

import io.vineyard.api.ErrorCode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.StreamReader;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.StreamMessages;
import io.vineyard.protocol.StreamMessages.OpenStreamRequest;
import io.vineyard.protocol.StreamMessages.PullNextStreamChunkRequest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stream's consumer side on a connection of its own: a pull waits on the server until a chunk
 * comes or the stream ends, and must not hold up the client's other requests.
 */
final class ClientStreamReader implements StreamReader {
  private final IpcConnection conn;
  private final ObjectId id;
  private boolean drained;

  private ClientStreamReader(IpcConnection conn, ObjectId id) {
    this.conn = conn;
    this.id = id;
  }

  /** Connects to the instance at {@code socket} and opens the stream for reading. */
  static ClientStreamReader open(Path socket, ObjectId id) {
    IpcConnection conn = IpcConnection.open(socket);
    try {
      conn.call(new OpenStreamRequest(id, StreamMessages.READ));
      return new ClientStreamReader(conn, id);
    } catch (RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  @Override
  public ObjectId id() {
    return id;
  }

  @Override
  public synchronized Optional<ObjectId> next() {
    if (drained) {
      return Optional.empty();
    }
    try {
      return Optional.of(conn.call(new PullNextStreamChunkRequest(id)).chunk());
    } catch (VineyardException e) {
      if (e.code() == ErrorCode.STREAM_DRAINED) {
        drained = true;
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    conn.close();
  }

  @Override
  public String toString() {
    return "StreamReader<" + id + (drained ? ", drained>" : ">");
  }
}
