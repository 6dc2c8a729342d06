package io.vineyard.posix;

import static io.vineyard.posix.Posix.rethrow;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listening UNIX-domain socket bound to a file of mode 0600.
 *
 * <p>{@link #bind} refuses a path another process is serving, and replaces a stale socket file left
 * by a process that died. {@link #close()} wakes a thread blocked in {@link #accept()} and removes
 * the socket file.
 */
public final class UnixServerSocket implements AutoCloseable {
  static final MethodHandle BIND =
      Posix.downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  static final MethodHandle LISTEN =
      Posix.downcall("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  static final MethodHandle ACCEPT =
      Posix.downcall(
          "accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));

  private final Path path;
  private final AtomicInteger fd;

  private UnixServerSocket(Path path, int fd) {
    this.path = path;
    this.fd = new AtomicInteger(fd);
  }

  /** Whether a process accepts connections on this socket path right now. */
  public static boolean isServed(Path path) {
    if (!Files.exists(path)) {
      return false;
    }
    try (UnixSocket s = UnixSocket.connect(path)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Binds and listens on {@code path}, creating parent folders.
   *
   * @throws SocketInUseException when another process serves the path
   * @throws IOException when the path cannot be bound (the message names it)
   */
  public static UnixServerSocket bind(Path path, int backlog) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (isServed(path)) {
      throw new SocketInUseException(path);
    }
    Files.deleteIfExists(path); // stale file of a process that died
    int s = UnixSocket.newSocket();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = Posix.errnoState(a);
      MemorySegment addr = UnixSocket.sockaddr(a, path);
      if ((int) BIND.invokeExact(st, s, addr, (int) addr.byteSize()) != 0) {
        throw Posix.failure("bind", path, Posix.errno(st));
      }
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      if ((int) LISTEN.invokeExact(st, s, backlog) != 0) {
        throw Posix.failure("listen", path, Posix.errno(st));
      }
      return new UnixServerSocket(path, s);
    } catch (Throwable t) {
      Posix.close(s);
      if (t instanceof IOException e) {
        throw e;
      }
      throw rethrow(t);
    }
  }

  /** The socket file. */
  public Path path() {
    return path;
  }

  /**
   * Waits for the next connection.
   *
   * @throws IOException once the socket is closed
   */
  public UnixSocket accept() throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = Posix.errnoState(a);
      while (true) {
        int f = fd.get();
        if (f < 0) {
          throw new IOException("server socket closed: " + path);
        }
        int c =
            (int)
                ACCEPT.invokeExact(
                    st, f, MemorySegment.NULL, MemorySegment.NULL, Posix.SOCK_CLOEXEC);
        if (c >= 0) {
          return new UnixSocket(c);
        }
        int err = Posix.errno(st);
        if (fd.get() < 0) {
          throw new IOException("server socket closed: " + path);
        }
        if (err != Posix.EINTR && err != Posix.EAGAIN && err != 103 /* ECONNABORTED */) {
          throw Posix.failure("accept", path, err);
        }
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Stops listening, wakes {@link #accept()} and removes the socket file. Idempotent. */
  @Override
  public void close() {
    int f = fd.getAndSet(-1);
    if (f >= 0) {
      try (Arena a = Arena.ofConfined()) {
        int ignored =
            (int) UnixSocket.SHUTDOWN.invokeExact(Posix.errnoState(a), f, Posix.SHUT_RDWR);
      } catch (Throwable t) {
        throw rethrow(t);
      }
      Posix.close(f);
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // the folder may be gone already; nothing else to free
      }
    }
  }

  /** Another process already serves the socket path. */
  public static final class SocketInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    SocketInUseException(Path path) {
      super(
          "another process is already serving "
              + path
              + " (stop it, or pick another path with --socket)");
    }
  }
}
