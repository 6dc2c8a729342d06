package io.vineyard.protocol;

import io.vineyard.posix.UnixSocket;
import java.io.EOFException;
import java.io.IOException;

/**
 * Reads the frames of one connection through a buffer: a request of a few hundred bytes costs one
 * {@code recv} (header and body together), not two, and requests a client sent back to back are
 * taken in one. Raw bytes that follow a frame (a payload sent after its request) are read through
 * {@link #readFully} so that none that were buffered are skipped. For streams that carry no
 * descriptors (what clients send to the server). Not thread-safe: one reader per connection.
 */
public final class FrameReader {
  private static final int BUFFER = 64 * 1024;

  private final UnixSocket socket;
  private final byte[] buf = new byte[BUFFER];
  private int start;
  private int end;

  public FrameReader(UnixSocket socket) {
    this.socket = socket;
  }

  /**
   * Reads one frame body.
   *
   * @throws Frames.FrameTooLargeException when the header announces more than {@link
   *     Frames#MAX_FRAME} bytes
   * @throws EOFException when the peer closes (between frames or inside one)
   */
  public byte[] read() throws IOException {
    fill(8);
    long length = 0;
    for (int i = 7; i >= 0; i--) {
      length = (length << 8) | (buf[start + i] & 0xff);
    }
    if (length < 0 || length > Frames.MAX_FRAME) {
      throw new Frames.FrameTooLargeException(length);
    }
    start += 8;
    byte[] body = new byte[(int) length];
    readFully(body, 0, body.length);
    return body;
  }

  /** Reads exactly {@code len} bytes: those buffered first, then from the socket. */
  public void readFully(byte[] dst, int off, int len) throws IOException {
    int buffered = Math.min(len, end - start);
    System.arraycopy(buf, start, dst, off, buffered);
    start += buffered;
    if (buffered < len) {
      if (len - buffered >= BUFFER) {
        socket.readFully(dst, off + buffered, len - buffered); // large: no detour through buf
      } else {
        fill(len - buffered);
        System.arraycopy(buf, start, dst, off + buffered, len - buffered);
        start += len - buffered;
      }
    }
  }

  /** Whether bytes the peer sent are waiting in the buffer (read, not yet handed out). */
  public boolean buffered() {
    return end > start;
  }

  /** Makes at least {@code n} (at most the buffer's size) bytes available from {@code start}. */
  private void fill(int n) throws IOException {
    if (end - start >= n) {
      return;
    }
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    while (end < n) {
      end += socket.readSome(buf, end, buf.length - end);
    }
  }
}
