package io.vineyard.server.internal;

import io.vineyard.protocol.Frames;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection of the RPC endpoint as a {@link Wire}: vineyardd's frames (8-byte little-endian
 * length, then JSON) up to a configured limit, no fds, and the raw payload bytes that follow some
 * replies, moved between the socket and the store's files without a copy through the heap.
 */
final class TcpWire implements Wire {
  private final SocketChannel channel;
  private final long maxFrame;
  private final ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
  private int peeked = -1;

  TcpWire(SocketChannel channel, long maxFrame) {
    this.channel = channel;
    this.maxFrame = maxFrame;
  }

  @Override
  public byte[] readFrame() throws IOException {
    header.clear();
    readFully(header);
    long length = header.flip().getLong();
    if (length < 0 || length > maxFrame) {
      throw new Frames.FrameTooLargeException(length, maxFrame, "io.vineyard.server rpc.max.frame");
    }
    ByteBuffer body = ByteBuffer.allocate((int) length);
    readFully(body);
    return body.array();
  }

  @Override
  public void writeFrame(byte[] body) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    frame.putLong(body.length).put(body).flip();
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
  }

  /**
   * Reads exactly {@code count} bytes from the connection into {@code file} at {@code position}:
   * straight into a mapping of that range, in reads of up to 1 GiB (a file channel's own
   * transferFrom a socket goes through 8 KiB copies).
   *
   * @throws EOFException when the peer closes before all of them came
   */
  @Override
  public void receive(FileChannel file, long position, long count) throws IOException {
    if (count == 0) {
      return;
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment range = file.map(FileChannel.MapMode.READ_WRITE, position, count, arena);
      long done = 0;
      if (peeked >= 0) {
        range.set(ValueLayout.JAVA_BYTE, 0, (byte) peeked);
        peeked = -1;
        done = 1;
      }
      while (done < count) {
        ByteBuffer chunk = range.asSlice(done, Math.min(count - done, 1L << 30)).asByteBuffer();
        while (chunk.hasRemaining()) {
          if (channel.read(chunk) < 0) {
            throw new EOFException(
                "the peer closed the connection after "
                    + (done + chunk.position())
                    + " of "
                    + count
                    + " payload bytes");
          }
        }
        done += chunk.capacity();
      }
    }
  }

  /** Writes {@code count} bytes of {@code file} from {@code position} to the connection. */
  @Override
  public void send(FileChannel file, long position, long count) throws IOException {
    long done = 0;
    while (done < count) {
      done += file.transferTo(position + done, count - done, channel);
    }
  }

  private void readFully(ByteBuffer dst) throws IOException {
    if (peeked >= 0 && dst.hasRemaining()) {
      dst.put((byte) peeked);
      peeked = -1;
    }
    while (dst.hasRemaining()) {
      if (channel.read(dst) < 0) {
        throw new EOFException("connection closed");
      }
    }
  }

  @Override
  public boolean passesFds() {
    return false;
  }

  @Override
  public void sendFd(int fd) {
    throw new IllegalStateException("no fd travels over TCP");
  }

  /**
   * Whether the peer has gone: one non-blocking read (a byte that arrives is kept for the next
   * frame).
   */
  @Override
  public synchronized boolean peerClosed() {
    if (peeked >= 0) {
      return false;
    }
    try {
      channel.configureBlocking(false);
      try {
        ByteBuffer one = ByteBuffer.allocate(1);
        int n = channel.read(one);
        if (n == 1) {
          peeked = one.get(0) & 0xff;
        }
        return n < 0;
      } finally {
        channel.configureBlocking(true);
      }
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void shutdown() {
    try {
      channel.shutdownInput();
      channel.shutdownOutput();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}
