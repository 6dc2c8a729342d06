package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Codec;
import io.vineyard.protocol.ErrorReply;
import io.vineyard.protocol.Frames;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One client connection: reads requests one at a time, answers each, and frees what the connection
 * held (blob references, unsealed blobs) when it ends, however it ends.
 */
final class Session implements Runnable {
  private static final System.Logger LOG = System.getLogger(Session.class.getName());

  private final long id;
  private final Wire socket;
  private final ServerCore core;
  private final Set<Integer> sentFds = new HashSet<>();
  private final List<Integer> fdsToPass = new ArrayList<>();
  private final List<AfterReply> afterReply = new ArrayList<>();
  private volatile boolean registered;
  private boolean closeAfterReply;

  /**
   * What a request does on the connection once its reply is written: the payload bytes of the RPC
   * endpoint's requests. An IOException ends the connection.
   */
  @FunctionalInterface
  interface AfterReply {
    void run() throws IOException;
  }

  Session(long id, Wire socket, ServerCore core) {
    this.id = id;
    this.socket = socket;
    this.core = core;
  }

  /** The connection, for payload bytes after a reply. */
  Wire wire() {
    return socket;
  }

  /** Whether this connection came through the RPC endpoint. */
  boolean rpc() {
    return socket instanceof TcpWire;
  }

  /** Runs {@code action} right after the reply being built (and its fds) is written. */
  void afterReply(AfterReply action) {
    afterReply.add(action);
  }

  /** Writes a further message on the connection (the second reply of a remote create). */
  void write(Object message) throws IOException {
    socket.writeFrame(Codec.encode(message));
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

  /**
   * Passes a store fd with SCM_RIGHTS right after the reply being built, unless this connection has
   * it already; returns whether it will be passed now.
   */
  boolean passFd(int storeFd) {
    if (socket.passesFds() && storeFd >= 0 && sentFds.add(storeFd)) {
      fdsToPass.add(storeFd);
      return true;
    }
    return false;
  }

  @Override
  public void run() {
    try {
      while (true) {
        byte[] body = socket.readFrame();
        Object reply = handle(body);
        if (reply == null) {
          return;
        }
        socket.writeFrame(Codec.encode(reply));
        for (int fd : fdsToPass) {
          socket.sendFd(fd);
        }
        fdsToPass.clear();
        List<AfterReply> actions = List.copyOf(afterReply);
        afterReply.clear();
        try {
          for (AfterReply action : actions) {
            action.run();
          }
        } catch (RuntimeException e) {
          // the payload stream is out of step: end the connection (what it held is freed)
          LOG.log(Level.ERROR, "payload transfer on connection " + id + " failed", e);
          return;
        }
        if (closeAfterReply) {
          return;
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

  /** The reply (a record, or an error reply), or null for none. */
  private Object handle(byte[] body) {
    try {
      return core.dispatcher().dispatch(this, body);
    } catch (VineyardException e) {
      unpassFds();
      return ErrorReply.of(e);
    } catch (RuntimeException e) {
      unpassFds();
      LOG.log(Level.ERROR, "request on connection " + id + " failed unexpectedly", e);
      return ErrorReply.of(new VineyardException.UnknownError("internal error: " + e));
    }
  }

  /** No fd follows an error reply: those queued are not this connection's yet. */
  private void unpassFds() {
    sentFds.removeAll(fdsToPass);
    fdsToPass.clear();
    afterReply.clear();
  }

  /** Ends the connection once the reply being built is sent (delete_session_request). */
  void closeAfterReply() {
    closeAfterReply = true;
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
