package io.vineyard.client.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.posix.UnixSocket;
import io.vineyard.protocol.BlobMessages.ReleaseReply;
import io.vineyard.protocol.BlobMessages.ReleaseRequest;
import io.vineyard.protocol.Codec;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.InstanceMessages.ExitRequest;
import io.vineyard.protocol.InstanceMessages.RegisterReply;
import io.vineyard.protocol.InstanceMessages.RegisterRequest;
import io.vineyard.protocol.Reply;
import io.vineyard.protocol.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One registered IPC connection: strictly one request/reply exchange at a time (a lock), and the
 * descriptors that follow a reply are received inside the same exchange.
 *
 * <p>Releases that fell due ({@link BlobRefs}) travel ahead of the next request, in the same write:
 * vineyardd answers pipelined requests in order, so they cost no round trip of their own (at most
 * {@link #PIPELINE} per write).
 *
 * <p>An I/O failure, or a successful reply whose descriptors cannot be taken as announced, breaks
 * the connection for good (the stream may be out of step): later calls fail with {@link
 * VineyardException.ConnectionError} (the server frees what the connection held); calls after
 * {@link #close()} throw {@link IllegalStateException}.
 */
final class IpcConnection implements AutoCloseable {
  /** The client version announced in register_request (the PyPI client's). */
  static final String VERSION = "0.24.2";

  private static final System.Logger LOG = System.getLogger(IpcConnection.class.getName());
  private static final Command RELEASE = Command.of(new ReleaseRequest(ObjectId.EMPTY_BLOB));

  /**
   * The most releases written before their replies are read. The server answers each request as it
   * reads it, one write each; if its answers filled the socket's buffer while this side still
   * writes, both would block for good. A small write costs about 1 KiB of a UNIX socket's buffer
   * (its bookkeeping), and the default buffer is about 200 KiB: 64 answers stay well inside.
   */
  static final int PIPELINE = 64;

  private final UnixSocket socket;
  private final Path path;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean closed;
  private volatile String broken;
  private long instanceId;
  private volatile BlobRefs refs;

  /** What a caller does with the descriptors that follow a successful reply, under the lock. */
  @FunctionalInterface
  interface AfterReply<R extends Reply, T> {
    T apply(R reply, UnixSocket socket) throws IOException;
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
      throw new VineyardException.ConnectionFailed(
          "cannot connect to the Vineyard instance at "
              + path
              + ": "
              + e.getMessage()
              + " (is vineyardd running there? pass the socket path or set VINEYARD_IPC_SOCKET)",
          e);
    }
    IpcConnection c = new IpcConnection(s, path);
    try {
      RegisterReply reply = c.call(new RegisterRequest(VERSION, 1, 0, "", ""));
      c.instanceId = reply.instanceId();
      if (Boolean.FALSE.equals(reply.storeMatch())) {
        throw new VineyardException.Invalid(
            "the instance at " + path + " refused the store type (store_match=false)");
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

  /** The counts whose due releases go out ahead of each request from now on. */
  void releasesFrom(BlobRefs refs) {
    this.refs = refs;
  }

  /** Sends a request and returns its checked reply. */
  <R extends Reply> R call(Request<R> request) {
    return call(request, (reply, s) -> reply);
  }

  /**
   * Sends a request, reads and checks the reply, then lets {@code after} receive the descriptors
   * the reply announces, all under the connection's lock.
   */
  @SuppressWarnings("unchecked")
  <R extends Reply, T> T call(Request<R> request, AfterReply<R, T> after) {
    Command command = Command.of(request);
    lock.lock();
    try {
      checkUsable();
      BlobRefs r = refs;
      List<ObjectId> due = r == null ? List.of() : r.takeDue();
      byte[] body;
      try {
        if (due.isEmpty()) {
          Frames.write(socket, Codec.encode(request));
        } else {
          int last =
              (due.size() - 1) / PIPELINE * PIPELINE; // the last chunk rides with the request
          pipeline(due.subList(0, last), false);
          List<ObjectId> rest = due.subList(last, due.size());
          List<byte[]> frames = releases(rest);
          frames.add(Codec.encode(request));
          Frames.write(socket, frames);
          readReleaseReplies(rest, false);
        }
        body = Frames.read(socket);
      } catch (IOException e) {
        throw breakWith(command, e);
      }
      R reply = Codec.decodeReply(body, command, (Class<R>) command.replyType());
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

  /**
   * Sends release_request for each ID, pipelined in one write, and reads the replies.
   *
   * @param strict throw the first error reply (after reading them all); otherwise error replies (a
   *     reference the server no longer has) are only logged
   */
  void release(List<ObjectId> ids, boolean strict) {
    if (ids.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      checkUsable();
      try {
        pipeline(ids, strict);
      } catch (IOException e) {
        throw breakWith(RELEASE, e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Sends the releases that are due, if any (an idle connection's flush). */
  void flushDue() {
    BlobRefs r = refs;
    if (r == null || !r.hasDue() || closed || broken != null) {
      return;
    }
    lock.lock();
    try {
      if (closed || broken != null) {
        return;
      }
      release(r.takeDue(), false);
    } finally {
      lock.unlock();
    }
  }

  /** Writes the releases {@link #PIPELINE} at a time, reading each chunk's replies. */
  private void pipeline(List<ObjectId> ids, boolean strict) throws IOException {
    VineyardException first = null;
    for (int from = 0; from < ids.size(); from += PIPELINE) {
      List<ObjectId> chunk = ids.subList(from, Math.min(ids.size(), from + PIPELINE));
      Frames.write(socket, releases(chunk));
      try {
        readReleaseReplies(chunk, strict);
      } catch (VineyardException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static List<byte[]> releases(List<ObjectId> ids) {
    List<byte[]> frames = new ArrayList<>(ids.size() + 1);
    for (ObjectId id : ids) {
      frames.add(Codec.encode(new ReleaseRequest(id)));
    }
    return frames;
  }

  private void readReleaseReplies(List<ObjectId> ids, boolean strict) throws IOException {
    VineyardException first = null;
    for (ObjectId id : ids) {
      byte[] body = Frames.read(socket);
      try {
        Codec.decodeReply(body, RELEASE, ReleaseReply.class);
      } catch (VineyardException e) {
        if (strict && first == null) {
          first = e;
        } else {
          LOG.log(System.Logger.Level.DEBUG, "release of " + id + " refused: " + e.getMessage());
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Marks the stream out of step after a failure that left it so, and returns the error to throw.
   */
  RuntimeException breakWith(Command command, Exception cause) {
    if (closed) {
      return new IllegalStateException("the Vineyard client for " + path + " is closed", cause);
    }
    broken = command.request() + " failed: " + cause.getMessage();
    socket.close();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new VineyardException.ConnectionError(
        "connection to the Vineyard instance at " + path + " lost: " + broken, cause);
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("the Vineyard client for " + path + " is closed");
    }
    if (broken != null) {
      throw new VineyardException.ConnectionError(
          "connection to the Vineyard instance at "
              + path
              + " is broken ("
              + broken
              + "); connect again");
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
        Frames.write(socket, Codec.encode(new ExitRequest()));
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
