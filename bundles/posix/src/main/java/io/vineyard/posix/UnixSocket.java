package io.vineyard.posix;

import static io.vineyard.posix.Posix.rethrow;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connected UNIX-domain stream socket that can also pass file descriptors (SCM_RIGHTS).
 *
 * <p>Reads and writes block. Exact-length reads never consume bytes beyond what was asked, so a
 * descriptor message following a reply is left for {@link #receiveFd()}. A descriptor message is
 * one data byte carrying one fd, the way vineyardd's {@code send_fd}/{@code recv_fd} do it. One
 * thread reads and one thread writes at a time; {@link #close()} may be called from any thread and
 * wakes a blocked reader.
 */
public final class UnixSocket implements AutoCloseable {
  static final MethodHandle SOCKET =
      Posix.downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  static final MethodHandle CONNECT =
      Posix.downcall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle RECV =
      Posix.downcall(
          "recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  static final MethodHandle SEND =
      Posix.downcall(
          "send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  static final MethodHandle SENDMSG =
      Posix.downcall("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle RECVMSG =
      Posix.downcall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle SHUTDOWN =
      Posix.downcall("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

  // struct msghdr / iovec / cmsghdr offsets on 64-bit Linux
  private static final long MSG_SIZE = 56;
  private static final long MSG_IOV = 16;
  private static final long MSG_IOVLEN = 24;
  private static final long MSG_CONTROL = 32;
  private static final long MSG_CONTROLLEN = 40;
  private static final long MSG_FLAGS = 48;
  private static final long CMSG_SPACE_ONE_FD = 24;
  private static final long CMSG_LEN_ONE_FD = 20;
  private static final int MSG_CTRUNC = 0x8;
  private static final int MSG_PEEK = 0x2;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int SUN_PATH_MAX = 108;

  private final AtomicInteger fd;
  // freed by the GC once the socket is unreachable: a blocked reader may still touch them after
  // close()
  private final Arena arena = Arena.ofAuto();
  private final MemorySegment readState = Posix.errnoState(arena);
  private final MemorySegment writeState = Posix.errnoState(arena);
  private final MemorySegment readBuf = arena.allocate(64 * 1024, 8);
  private final MemorySegment writeBuf = arena.allocate(64 * 1024, 8);

  UnixSocket(int fd) {
    this.fd = new AtomicInteger(fd);
  }

  /**
   * Connects to a socket file.
   *
   * @throws IOException naming the path when nothing listens there or the path is too long
   */
  public static UnixSocket connect(Path path) throws IOException {
    int s = newSocket();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = Posix.errnoState(a);
      MemorySegment addr = sockaddr(a, path);
      if ((int) CONNECT.invokeExact(st, s, addr, (int) addr.byteSize()) != 0) {
        int err = Posix.errno(st);
        Posix.close(s);
        throw Posix.failure("connect", path, err);
      }
      return new UnixSocket(s);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      Posix.close(s);
      throw rethrow(t);
    }
  }

  static int newSocket() throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = Posix.errnoState(a);
      int s =
          (int) SOCKET.invokeExact(st, Posix.AF_UNIX, Posix.SOCK_STREAM | Posix.SOCK_CLOEXEC, 0);
      if (s < 0) {
        throw Posix.failure("socket", "AF_UNIX", Posix.errno(st));
      }
      return s;
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static MemorySegment sockaddr(Arena a, Path path) throws IOException {
    byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
    if (p.length >= SUN_PATH_MAX) {
      throw new IOException(
          "socket path too long ("
              + p.length
              + " bytes, at most "
              + (SUN_PATH_MAX - 1)
              + "): "
              + path);
    }
    MemorySegment addr = a.allocate(2 + SUN_PATH_MAX, 2);
    addr.set(JAVA_SHORT, 0, (short) Posix.AF_UNIX);
    MemorySegment.copy(p, 0, addr, JAVA_BYTE, 2, p.length);
    return addr;
  }

  /** The descriptor, or -1 once closed. */
  public int fd() {
    return fd.get();
  }

  private int liveFd() throws IOException {
    int f = fd.get();
    if (f < 0) {
      throw new IOException("socket closed");
    }
    return f;
  }

  /**
   * Reads exactly {@code n} bytes.
   *
   * @throws EOFException when the peer closes first
   */
  public byte[] readFully(int n) throws IOException {
    byte[] out = new byte[n];
    readFully(out, 0, n);
    return out;
  }

  /** Reads exactly {@code len} bytes into {@code dst} at {@code off}. */
  public void readFully(byte[] dst, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int chunk = (int) Math.min(len - done, readBuf.byteSize());
      long got;
      try {
        got = (long) RECV.invokeExact(readState, liveFd(), readBuf, (long) chunk, 0);
      } catch (IOException e) {
        throw e;
      } catch (Throwable t) {
        throw rethrow(t);
      }
      if (got == 0) {
        throw new EOFException("connection closed by peer after " + done + " of " + len + " bytes");
      }
      if (got < 0) {
        int err = Posix.errno(readState);
        if (err == Posix.EINTR) {
          continue;
        }
        throw Posix.failure("recv", fd.get(), err);
      }
      MemorySegment.copy(readBuf, JAVA_BYTE, 0, dst, off + done, (int) got);
      done += (int) got;
    }
  }

  /**
   * Reads what is there, at least one byte and at most {@code max} (one {@code recv}): for a reader
   * that buffers a stream it parses itself. Not for a stream that carries descriptors: a {@code
   * recv} may take the data byte that carries one.
   *
   * @return the number of bytes read, at least 1
   * @throws EOFException when the peer has closed
   */
  public int readSome(byte[] dst, int off, int max) throws IOException {
    int chunk = (int) Math.min(max, readBuf.byteSize());
    while (true) {
      long got;
      try {
        got = (long) RECV.invokeExact(readState, liveFd(), readBuf, (long) chunk, 0);
      } catch (IOException e) {
        throw e;
      } catch (Throwable t) {
        throw rethrow(t);
      }
      if (got == 0) {
        throw new EOFException("connection closed by peer");
      }
      if (got < 0) {
        int err = Posix.errno(readState);
        if (err == Posix.EINTR) {
          continue;
        }
        throw Posix.failure("recv", fd.get(), err);
      }
      MemorySegment.copy(readBuf, JAVA_BYTE, 0, dst, off, (int) got);
      return (int) got;
    }
  }

  /** Writes all of {@code src[off, off+len)}. */
  public void writeFully(byte[] src, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int chunk = (int) Math.min(len - done, writeBuf.byteSize());
      MemorySegment.copy(src, off + done, writeBuf, JAVA_BYTE, 0, chunk);
      int sent = 0;
      while (sent < chunk) {
        long n;
        try {
          n =
              (long)
                  SEND.invokeExact(
                      writeState,
                      liveFd(),
                      writeBuf.asSlice(sent),
                      (long) (chunk - sent),
                      Posix.MSG_NOSIGNAL);
        } catch (IOException e) {
          throw e;
        } catch (Throwable t) {
          throw rethrow(t);
        }
        if (n < 0) {
          int err = Posix.errno(writeState);
          if (err == Posix.EINTR) {
            continue;
          }
          throw Posix.failure("send", fd.get(), err);
        }
        sent += (int) n;
      }
      done += chunk;
    }
  }

  /** Sends one descriptor with SCM_RIGHTS, carried by one data byte. */
  public void sendFd(int passed) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment data = a.allocate(1);
      MemorySegment iov = a.allocate(16, 8);
      iov.set(ADDRESS, 0, data);
      iov.set(JAVA_LONG, 8, 1L);
      MemorySegment control = a.allocate(CMSG_SPACE_ONE_FD, 8);
      control.set(JAVA_LONG, 0, CMSG_LEN_ONE_FD);
      control.set(JAVA_INT, 8, Posix.SOL_SOCKET);
      control.set(JAVA_INT, 12, Posix.SCM_RIGHTS);
      control.set(JAVA_INT, 16, passed);
      MemorySegment msg = a.allocate(MSG_SIZE, 8);
      msg.set(ADDRESS, MSG_IOV, iov);
      msg.set(JAVA_LONG, MSG_IOVLEN, 1L);
      msg.set(ADDRESS, MSG_CONTROL, control);
      msg.set(JAVA_LONG, MSG_CONTROLLEN, CMSG_SPACE_ONE_FD);
      MemorySegment st = Posix.errnoState(a);
      while (true) {
        long n = (long) SENDMSG.invokeExact(st, liveFd(), msg, Posix.MSG_NOSIGNAL);
        if (n >= 0) {
          return;
        }
        int err = Posix.errno(st);
        if (err != Posix.EINTR && err != Posix.EAGAIN) {
          throw Posix.failure("sendmsg", "fd " + passed, err);
        }
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Receives one descriptor sent by {@link #sendFd} (or vineyardd's {@code send_fd}).
   *
   * @return the new descriptor in this process; the caller owns and closes it
   */
  public int receiveFd() throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment data = a.allocate(1);
      MemorySegment iov = a.allocate(16, 8);
      iov.set(ADDRESS, 0, data);
      iov.set(JAVA_LONG, 8, 1L);
      MemorySegment control = a.allocate(CMSG_SPACE_ONE_FD, 8);
      MemorySegment msg = a.allocate(MSG_SIZE, 8);
      msg.set(ADDRESS, MSG_IOV, iov);
      msg.set(JAVA_LONG, MSG_IOVLEN, 1L);
      msg.set(ADDRESS, MSG_CONTROL, control);
      msg.set(JAVA_LONG, MSG_CONTROLLEN, CMSG_SPACE_ONE_FD);
      MemorySegment st = Posix.errnoState(a);
      long n;
      do {
        n = (long) RECVMSG.invokeExact(st, liveFd(), msg, 0);
      } while (n < 0 && Posix.errno(st) == Posix.EINTR);
      if (n < 0) {
        throw Posix.failure("recvmsg", fd.get(), Posix.errno(st));
      }
      if (n == 0) {
        throw new EOFException("connection closed by peer while waiting for a file descriptor");
      }
      if ((msg.get(JAVA_INT, MSG_FLAGS) & MSG_CTRUNC) != 0) {
        throw new IOException("file descriptor message truncated (MSG_CTRUNC)");
      }
      long clen = msg.get(JAVA_LONG, MSG_CONTROLLEN);
      if (clen < CMSG_LEN_ONE_FD
          || control.get(JAVA_INT, 8) != Posix.SOL_SOCKET
          || control.get(JAVA_INT, 12) != Posix.SCM_RIGHTS) {
        throw new IOException("expected a file descriptor (SCM_RIGHTS) from the peer, got none");
      }
      return control.get(JAVA_INT, 16);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Whether the peer has closed its end (a read would see end-of-stream now), without consuming
   * anything. Pending unread data counts as open.
   */
  public boolean peerClosed() {
    int f = fd.get();
    if (f < 0) {
      return true;
    }
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = Posix.errnoState(a);
      long n = (long) RECV.invokeExact(st, f, a.allocate(1), 1L, MSG_PEEK | MSG_DONTWAIT);
      if (n == 0) {
        return true;
      }
      return n < 0 && Posix.errno(st) != Posix.EAGAIN && Posix.errno(st) != Posix.EINTR;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Shuts the connection down in both directions, waking blocked readers; {@link #close()} still
   * frees it.
   */
  public void shutdown() {
    int f = fd.get();
    if (f >= 0) {
      try (Arena a = Arena.ofConfined()) {
        int ignored = (int) SHUTDOWN.invokeExact(Posix.errnoState(a), f, Posix.SHUT_RDWR);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }
  }

  /** Shuts down and closes the socket. Idempotent. */
  @Override
  public void close() {
    int f = fd.getAndSet(-1);
    if (f >= 0) {
      try (Arena a = Arena.ofConfined()) {
        int ignored = (int) SHUTDOWN.invokeExact(Posix.errnoState(a), f, Posix.SHUT_RDWR);
      } catch (Throwable t) {
        throw rethrow(t);
      }
      Posix.close(f);
    }
  }
}
