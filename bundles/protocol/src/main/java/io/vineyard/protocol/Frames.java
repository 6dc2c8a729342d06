package io.vineyard.protocol;

import io.vineyard.posix.UnixSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * vineyardd's framing: an 8-byte little-endian length, then that many bytes of UTF-8 JSON.
 *
 * <p>A header announcing more than {@link #MAX_FRAME} bytes is a protocol violation: the reader
 * throws {@link FrameTooLargeException} and the connection must be closed.
 */
public final class Frames {
  /** The largest frame accepted: 256 MiB. */
  public static final long MAX_FRAME = 256L << 20;

  private Frames() {}

  /** Reads one frame body. */
  public static byte[] read(UnixSocket socket) throws IOException {
    byte[] header = socket.readFully(8);
    long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (length < 0 || length > MAX_FRAME) {
      throw new FrameTooLargeException(length);
    }
    return socket.readFully((int) length);
  }

  /** Writes one frame (header and body in one write). */
  public static void write(UnixSocket socket, byte[] body) throws IOException {
    byte[] frame = new byte[8 + body.length];
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putLong(body.length);
    System.arraycopy(body, 0, frame, 8, body.length);
    socket.writeFully(frame, 0, frame.length);
  }

  /** Writes several frames in one write (pipelined requests: the peer answers each in order). */
  public static void write(UnixSocket socket, java.util.List<byte[]> bodies) throws IOException {
    int total = 0;
    for (byte[] body : bodies) {
      total = Math.addExact(total, 8 + body.length);
    }
    ByteBuffer frames = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    for (byte[] body : bodies) {
      frames.putLong(body.length).put(body);
    }
    socket.writeFully(frames.array(), 0, total);
  }

  /** A frame header announced more than {@link #MAX_FRAME} bytes (or a negative length). */
  public static final class FrameTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    FrameTooLargeException(long length) {
      super(
          "frame of "
              + Long.toUnsignedString(length)
              + " bytes exceeds the limit of "
              + MAX_FRAME
              + " bytes (256 MiB)");
    }

    /**
     * A header announced {@code length} bytes where a connection takes at most {@code limit} (the
     * RPC endpoint's own limit).
     */
    public FrameTooLargeException(long length, long limit, String flag) {
      super(
          "frame of "
              + Long.toUnsignedString(length)
              + " bytes exceeds the limit of "
              + limit
              + " bytes ("
              + flag
              + ")");
    }
  }
}
