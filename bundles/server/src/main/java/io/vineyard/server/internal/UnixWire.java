package io.vineyard.server.internal;

import io.vineyard.posix.UnixSocket;
import io.vineyard.protocol.FrameReader;
import io.vineyard.protocol.Frames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The IPC socket as a {@link Wire}: frames up to {@link Frames#MAX_FRAME}, fds by SCM_RIGHTS, and
 * payload bytes (vineyardd serves the remote-buffer requests on its IPC socket too).
 */
final class UnixWire implements Wire {
  /** Payload bytes move through a heap chunk of this size on the UNIX socket. */
  private static final int CHUNK = 1 << 20;

  private final UnixSocket socket;
  // what clients send is read through a buffer: one recv per small request, not two
  private final FrameReader frames;

  UnixWire(UnixSocket socket) {
    this.socket = socket;
    this.frames = new FrameReader(socket);
  }

  @Override
  public byte[] readFrame() throws IOException {
    return frames.read();
  }

  @Override
  public void writeFrame(byte[] body) throws IOException {
    Frames.write(socket, body);
  }

  @Override
  public void receive(FileChannel file, long position, long count) throws IOException {
    byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(count, 1))];
    for (long done = 0; done < count; ) {
      int n = (int) Math.min(chunk.length, count - done);
      frames.readFully(chunk, 0, n);
      ByteBuffer b = ByteBuffer.wrap(chunk, 0, n);
      while (b.hasRemaining()) {
        file.write(b, position + done + b.position());
      }
      done += n;
    }
  }

  @Override
  public void send(FileChannel file, long position, long count) throws IOException {
    byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(count, 1))];
    for (long done = 0; done < count; ) {
      ByteBuffer b = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, count - done));
      while (b.hasRemaining()) {
        if (file.read(b, position + done + b.position()) < 0) {
          throw new IOException("store file ends before the payload does");
        }
      }
      socket.writeFully(chunk, 0, b.limit());
      done += b.limit();
    }
  }

  @Override
  public boolean passesFds() {
    return true;
  }

  @Override
  public void sendFd(int fd) throws IOException {
    socket.sendFd(fd);
  }

  @Override
  public boolean peerClosed() {
    return !frames.buffered() && socket.peerClosed();
  }

  @Override
  public void shutdown() {
    socket.shutdown();
  }

  @Override
  public void close() {
    socket.close();
  }
}
