package io.vineyard.client.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Errors;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.Json;
import io.vineyard.protocol.unix.UnixSocket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One registered IPC connection: strictly one request/reply exchange at a time (a lock), and the
 * descriptors that follow a reply are received inside the same exchange.
 *
 * <p>An I/O failure, or a successful reply whose descriptors cannot be taken as announced, breaks
 * the connection for good (the stream may be out of step): later calls fail with
 * {@link VineyardException.ConnectionError} (the server frees what the connection held); calls after {@link #close()} throw
 * {@link IllegalStateException}.
 */
final class IpcConnection implements AutoCloseable {
  /** The client version announced in register_request (the PyPI client's). */
  static final String VERSION = "0.24.2";

  private final UnixSocket socket;
  private final Path path;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;
  private volatile String broken;
  private long instanceId;

  /** What a caller does with the descriptors that follow a successful reply, under the lock. */
  @FunctionalInterface
  interface AfterReply<T> {
    T apply(ObjectNode reply, UnixSocket socket) throws IOException;
  }

  private IpcConnection(UnixSocket socket, Path path) {
    this.socket = socket;
    this.path = path;
  }

  /** Connects and registers. */
  static IpcConnection open(Path path) {
    UnixSocket s;
    try {
      s = UnixSocket.connect(path);
    } catch (IOException e) {
      throw new VineyardException.ConnectionFailed("cannot connect to the Vineyard instance at " + path + ": " + e.getMessage()
          + " (is vineyardd running there? pass the socket path or set VINEYARD_IPC_SOCKET)", e);
    }
    IpcConnection c = new IpcConnection(s, path);
    try {
      ObjectNode req = Json.object();
      req.put("version", VERSION);
      req.put("store_type", 1);
      req.put("session_id", 0);
      req.put("username", "");
      req.put("password", "");
      ObjectNode reply = c.call(Command.REGISTER, req);
      c.instanceId = Replies.unsigned(reply, "instance_id");
      if (!reply.path("store_match").asBoolean(true)) {
        throw new VineyardException.Invalid("the instance at " + path + " refused the store type (store_match=false)");
      }
      return c;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The instance ID from register_reply. */
  long instanceId() {
    return instanceId;
  }

  Path path() {
    return path;
  }

  /** Sends a request and returns its checked reply. */
  ObjectNode call(Command command, ObjectNode request) {
    return call(command, request, (reply, s) -> reply);
  }

  /**
   * Sends a request, reads and checks the reply, then lets {@code after} receive the descriptors
   * the reply announces, all under the connection's lock.
   */
  <T> T call(Command command, ObjectNode request, AfterReply<T> after) {
    lock.lock();
    try {
      checkUsable();
      ObjectNode reply;
      try {
        request.put("type", command.request());
        Frames.write(socket, Json.encode(request));
        reply = Json.decode(Frames.read(socket));
      } catch (IOException e) {
        throw breakWith(command, e);
      }
      Errors.check(reply, command);
      try {
        return after.apply(reply, socket);
      } catch (IOException | RuntimeException e) {
        // a reply we could not use may leave descriptors unread: the stream is out of step
        throw breakWith(command, e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Marks the stream out of step after a failure that left it so, and returns the error to throw. */
  RuntimeException breakWith(Command command, Exception cause) {
    if (closed) {
      return new IllegalStateException("the Vineyard client for " + path + " is closed", cause);
    }
    broken = command.request() + " failed: " + cause.getMessage();
    socket.close();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new VineyardException.ConnectionError("connection to the Vineyard instance at " + path + " lost: " + broken, cause);
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("the Vineyard client for " + path + " is closed");
    }
    if (broken != null) {
      throw new VineyardException.ConnectionError("connection to the Vineyard instance at " + path + " is broken (" + broken + "); connect again");
    }
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Sends exit_request (no reply) and closes. A request still waiting for its reply in another
   * thread after one second is cut off: closing the socket makes it fail.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean locked = false;
    try {
      locked = lock.tryLock(1, TimeUnit.SECONDS);
      if (locked && broken == null) {
        ObjectNode exit = Json.object();
        exit.put("type", Command.EXIT.request());
        Frames.write(socket, Json.encode(exit));
      }
    } catch (IOException e) {
      // the server is gone already; closing is all that is left
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      socket.close();
      if (locked) {
        lock.unlock();
      }
    }
  }
}
