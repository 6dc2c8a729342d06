package io.vineyard.client.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Codec;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.InstanceMessages.ExitRequest;
import io.vineyard.protocol.InstanceMessages.RegisterReply;
import io.vineyard.protocol.InstanceMessages.RegisterRequest;
import io.vineyard.protocol.Reply;
import io.vineyard.protocol.Request;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One registered connection to an instance's RPC endpoint: vineyardd's frames over TCP, and the raw
 * payload bytes that some requests carry after a frame. One exchange at a time; an I/O failure
 * breaks the connection for good (the stream may be out of step).
 */
public final class RpcConnection implements AutoCloseable {
  /** The largest reply frame read (vineyardd's RPC client takes 64 MiB). */
  private static final long MAX_FRAME = 64L << 20;

  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private final SocketChannel channel;
  private final String endpoint;
  private final ReentrantLock lock = new ReentrantLock();
  private final RegisterReply registration;
  private volatile String broken;
  private volatile boolean closed;

  private RpcConnection(SocketChannel channel, String endpoint) {
    this.channel = channel;
    this.endpoint = endpoint;
    this.registration =
        call(
            new RegisterRequest(IpcConnection.VERSION, 1, 0, "", ""),
            Command.REGISTER,
            RegisterReply.class);
  }

  /**
   * Connects to {@code host:port} and registers.
   *
   * @throws VineyardException.ConnectionFailed naming the endpoint when nothing answers there
   */
  public static RpcConnection open(String host, int port) {
    String endpoint = host + ":" + port;
    SocketChannel ch;
    try {
      ch = SocketChannel.open();
    } catch (IOException e) {
      throw new VineyardException.ConnectionFailed("cannot open a TCP socket: " + e, e);
    }
    try {
      ch.socket().connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      return new RpcConnection(ch, endpoint);
    } catch (IOException | RuntimeException e) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
      if (e instanceof VineyardException v) {
        throw v;
      }
      throw new VineyardException.ConnectionFailed(
          "cannot connect to the Vineyard RPC endpoint "
              + endpoint
              + ": "
              + e.getMessage()
              + " (is a vineyardd serving it, started with --rpc?)",
          e);
    }
  }

  /** What the instance said when this connection registered. */
  public RegisterReply registration() {
    return registration;
  }

  /** {@code host:port} as connected. */
  public String endpoint() {
    return endpoint;
  }

  /** One exchange: the request, then its reply (an error reply becomes its typed exception). */
  public <R extends Reply> R call(Request<R> request, Command command, Class<R> type) {
    return this.<R, R>exchange(request, command, type, null);
  }

  /**
   * One exchange with payload bytes: {@code after} runs after the first reply (e.g. sends bytes and
   * reads a second reply), all under the connection's lock.
   */
  public <R extends Reply, T> T exchange(
      Request<?> request, Command command, Class<R> type, Step<R, T> after) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the RPC connection to " + endpoint + " is closed");
      }
      if (broken != null) {
        throw new VineyardException.ConnectionError(
            "the RPC connection to " + endpoint + " is broken: " + broken);
      }
      try {
        writeFrame(Codec.encode(request));
        R reply = Codec.decodeReply(readFrame(), command, type);
        @SuppressWarnings("unchecked")
        T out = after == null ? (T) reply : after.apply(reply, this);
        return out;
      } catch (IOException e) {
        broken = e.toString();
        throw new VineyardException.ConnectionError(
            "the RPC connection to " + endpoint + " failed: " + e.getMessage());
      }
    } finally {
      lock.unlock();
    }
  }

  /** What a caller does on the connection after the first reply, under the lock. */
  @FunctionalInterface
  public interface Step<R extends Reply, T> {
    T apply(R reply, RpcConnection connection) throws IOException;
  }

  /** Reads the next frame as a reply of {@code command} (the second reply of a remote create). */
  public <R extends Reply> R readReply(Command command, Class<R> type) throws IOException {
    return Codec.decodeReply(readFrame(), command, type);
  }

  /** Writes raw bytes (a payload after a reply). */
  public void writeBytes(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** Reads exactly {@code dst.remaining()} raw bytes. */
  public void readBytes(ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      if (channel.read(dst) < 0) {
        throw new EOFException("the instance closed the connection in the middle of a payload");
      }
    }
  }

  private void writeFrame(byte[] body) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    frame.putLong(body.length).put(body).flip();
    writeBytes(frame);
  }

  private byte[] readFrame() throws IOException {
    ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readBytes(header);
    long length = header.flip().getLong();
    if (length < 0 || length > MAX_FRAME) {
      throw new IOException(
          "reply frame of " + Long.toUnsignedString(length) + " bytes exceeds " + MAX_FRAME);
    }
    ByteBuffer body = ByteBuffer.allocate((int) length);
    readBytes(body);
    return body.array();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (broken == null) {
        try {
          writeFrame(Codec.encode(new ExitRequest()));
        } catch (IOException e) {
          // the instance is gone already
        }
      }
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      }
    } finally {
      lock.unlock();
    }
  }
}
