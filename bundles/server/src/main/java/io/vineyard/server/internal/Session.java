package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.Json;
import io.vineyard.protocol.unix.UnixSocket;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Set;

/**
 * One client connection: reads requests one at a time, answers each, and frees what the
 * connection held (blob references, unsealed blobs) when it ends, however it ends.
 */
final class Session implements Runnable {
  private static final System.Logger LOG = System.getLogger(Session.class.getName());

  private final long id;
  private final UnixSocket socket;
  private final ServerCore core;
  private final Set<Integer> sentFds = new HashSet<>();
  private volatile boolean registered;

  Session(long id, UnixSocket socket, ServerCore core) {
    this.id = id;
    this.socket = socket;
    this.core = core;
  }

  /** The connection's ID, the owner key of its blob references. */
  long id() {
    return id;
  }

  boolean registered() {
    return registered;
  }

  void markRegistered() {
    registered = true;
  }

  /** Records that a store fd goes to this connection now; false if it was sent before. */
  boolean firstSend(int storeFd) {
    return storeFd >= 0 && sentFds.add(storeFd);
  }

  @Override
  public void run() {
    try {
      while (true) {
        byte[] body = Frames.read(socket);
        Reply reply = handle(body);
        if (reply.body() == null) {
          return;
        }
        Frames.write(socket, Json.encode(reply.body()));
        for (int fd : reply.fds()) {
          socket.sendFd(fd);
        }
      }
    } catch (Frames.FrameTooLargeException e) {
      LOG.log(Level.WARNING, "closing connection " + id + ": " + e.getMessage());
    } catch (EOFException e) {
      LOG.log(Level.DEBUG, "connection " + id + " closed by the client");
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "connection " + id + " ended: " + e.getMessage());
    } finally {
      core.ended(this);
      socket.close();
    }
  }

  private Reply handle(byte[] body) {
    try {
      return core.dispatcher().dispatch(this, Json.decode(body));
    } catch (VineyardException e) {
      return Reply.error(e);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "request on connection " + id + " failed unexpectedly", e);
      return Reply.error(new VineyardException.UnknownError("internal error: " + e));
    }
  }

  /** Whether the client is still there (no EOF pending): for requests that wait. */
  boolean peerConnected() {
    return !socket.peerClosed();
  }

  /** Wakes the session's thread by shutting its socket down. */
  void shutdown() {
    socket.shutdown();
  }
}
