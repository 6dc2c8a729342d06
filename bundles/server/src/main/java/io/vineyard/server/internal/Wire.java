package io.vineyard.server.internal;

import java.io.IOException;

/**
 * One connection's byte stream as a session sees it: vineyardd's frames, raw bytes for the payloads
 * that follow an RPC reply, and, on the UNIX socket only, store fds.
 */
interface Wire extends AutoCloseable {

  /**
   * Reads one frame body.
   *
   * @throws io.vineyard.protocol.Frames.FrameTooLargeException when the header announces more than
   *     this wire accepts (the connection must be closed)
   */
  byte[] readFrame() throws IOException;

  /** Writes one frame (header and body). */
  void writeFrame(byte[] body) throws IOException;

  /**
   * Reads exactly {@code count} raw bytes (a payload after a reply) into {@code file} at {@code
   * position}.
   *
   * @throws java.io.EOFException when the peer closes before all of them came
   */
  void receive(java.nio.channels.FileChannel file, long position, long count) throws IOException;

  /** Writes {@code count} raw bytes of {@code file} from {@code position}. */
  void send(java.nio.channels.FileChannel file, long position, long count) throws IOException;

  /** Whether store fds can travel (a UNIX socket); over TCP no fd is ever announced. */
  boolean passesFds();

  /** Passes a store fd by SCM_RIGHTS. */
  void sendFd(int fd) throws IOException;

  /** Whether the peer has gone (EOF pending), for requests that wait. */
  boolean peerClosed();

  /** Wakes a thread blocked on this wire. */
  void shutdown();

  @Override
  void close();
}
