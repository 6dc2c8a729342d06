package io.vineyard.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Thin, checked wrappers over the libc calls the project needs (Linux x86-64/aarch64 layouts).
 *
 * <p>Every call captures {@code errno} and turns a failure into an {@link IOException} whose
 * message names the call, the argument and the system's error text.
 */
public final class Posix {
  public static final int O_RDONLY = 0;
  public static final int O_RDWR = 2;
  public static final int O_CREAT = 0100;
  public static final int O_EXCL = 0200;
  public static final int O_CLOEXEC = 02000000;
  public static final int PROT_READ = 1;
  public static final int PROT_WRITE = 2;
  public static final int MAP_SHARED = 1;
  public static final int AF_UNIX = 1;
  public static final int SOCK_STREAM = 1;
  public static final int SOCK_CLOEXEC = 02000000;
  public static final int SOL_SOCKET = 1;
  public static final int SCM_RIGHTS = 1;
  public static final int MSG_NOSIGNAL = 0x4000;
  public static final int SHUT_RDWR = 2;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int MADV_REMOVE = 9;
  public static final int MADV_POPULATE_WRITE = 23;
  public static final int FALLOC_FL_KEEP_SIZE = 1;
  public static final int FALLOC_FL_PUNCH_HOLE = 2;

  static final Linker LINKER = Linker.nativeLinker();
  static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final MemoryLayout CAPTURE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

  static final MethodHandle OPEN =
      downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
  static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  static final MethodHandle FTRUNCATE =
      downcall("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
  static final MethodHandle FALLOCATE =
      downcall(
          "fallocate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
  static final MethodHandle MMAP =
      downcall(
          "mmap",
          FunctionDescriptor.of(
              ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
  static final MethodHandle MUNMAP =
      downcall("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
  static final MethodHandle MADVISE =
      downcall("madvise", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  static final MethodHandle FSTAT =
      downcall("fstat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

  /** struct stat: its size and st_blocks' offset, the same on x86-64 and aarch64 Linux. */
  private static final long STAT_SIZE = 144;

  private static final long ST_BLOCKS = 64;
  static final MethodHandle STRERROR =
      Linker.nativeLinker()
          .downcallHandle(
              LIBC.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Posix() {}

  static MethodHandle downcall(String name, FunctionDescriptor fd) {
    MemorySegment symbol =
        LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    return LINKER.downcallHandle(symbol, fd, Linker.Option.captureCallState("errno"));
  }

  /** A segment that receives errno from a call made with {@link #downcall}. */
  static MemorySegment errnoState(Arena arena) {
    return arena.allocate(CAPTURE);
  }

  static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  /** The system's text for an errno value. */
  public static String strerror(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      return s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "errno " + errno;
    }
  }

  static IOException failure(String call, Object arg, int errno) {
    return new ErrnoException(
        call + "(" + arg + ") failed: " + strerror(errno) + " (errno " + errno + ")", errno);
  }

  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  /** Opens (and with {@link #O_CREAT}, creates with {@code mode}) a file; returns its fd. */
  public static int open(Path path, int flags, int mode) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = errnoState(a);
      MemorySegment p = a.allocateFrom(path.toString(), StandardCharsets.UTF_8);
      int fd = (int) OPEN.invokeExact(st, p, flags | O_CLOEXEC, mode);
      if (fd < 0) {
        throw failure("open", path, errno(st));
      }
      return fd;
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Sets a file's size. */
  public static void ftruncate(int fd, long size) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = errnoState(a);
      if ((int) FTRUNCATE.invokeExact(st, fd, size) != 0) {
        throw failure("ftruncate", fd + ", " + size, errno(st));
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * fallocate(2) on a range of a file; with {@link #FALLOC_FL_PUNCH_HOLE} | {@link
   * #FALLOC_FL_KEEP_SIZE} it hands the range's pages back to the system (they read as zeros).
   */
  public static void fallocate(int fd, int mode, long offset, long length) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = errnoState(a);
      if ((int) FALLOCATE.invokeExact(st, fd, mode, offset, length) != 0) {
        throw failure(
            "fallocate", fd + ", mode " + mode + ", " + offset + ", " + length, errno(st));
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Closes a file descriptor; errors are ignored (the fd is gone either way on Linux). */
  public static void close(int fd) {
    if (fd < 0) {
      return;
    }
    try (Arena a = Arena.ofConfined()) {
      int ignored = (int) CLOSE.invokeExact(errnoState(a), fd);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * Maps {@code size} bytes of a file, shared. The mapping lives until {@link #munmap}; the
   * returned segment has that size and is read-only unless {@code writable}.
   */
  public static MemorySegment mmap(int fd, long size, boolean writable) throws IOException {
    int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = errnoState(a);
      MemorySegment addr =
          (MemorySegment) MMAP.invokeExact(st, MemorySegment.NULL, size, prot, MAP_SHARED, fd, 0L);
      if (addr.address() == -1L) {
        throw failure("mmap", "fd " + fd + ", " + size + " bytes", errno(st));
      }
      MemorySegment seg = addr.reinterpret(size);
      return writable ? seg : seg.asReadOnly();
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Unmaps a mapping made by {@link #mmap}; the segment must not be used afterwards. */
  public static void munmap(MemorySegment mapping) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = errnoState(a);
      if ((int)
              MUNMAP.invokeExact(st, MemorySegment.ofAddress(mapping.address()), mapping.byteSize())
          != 0) {
        throw failure("munmap", mapping.byteSize() + " bytes", errno(st));
      }
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** madvise(2) over a range of a mapping; returns false (no exception) when the kernel refuses. */
  public static boolean madvise(MemorySegment range, int advice) {
    try (Arena a = Arena.ofConfined()) {
      return (int)
              MADVISE.invokeExact(
                  errnoState(a), MemorySegment.ofAddress(range.address()), range.byteSize(), advice)
          == 0;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * madvise(2) over a range of a mapping, holding the range's arena open during the call (an arena
   * closed meanwhile makes this throw {@link IllegalStateException} instead of touching a range
   * unmapped under it); returns false when the kernel refuses. {@code range} must start on a page.
   */
  public static boolean madviseInScope(MemorySegment range, int advice) {
    try (Arena a = Arena.ofConfined()) {
      return (int) MADVISE.invokeExact(errnoState(a), range, range.byteSize(), advice) == 0;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /**
   * The bytes the filesystem has allocated to a file (fstat(2)'s {@code st_blocks} × 512): on tmpfs
   * this counts pages reserved with fallocate, which {@code SEEK_HOLE} still reports as holes.
   */
  public static long allocatedBytes(int fd) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = errnoState(a);
      MemorySegment stat = a.allocate(STAT_SIZE, 8);
      if ((int) FSTAT.invokeExact(st, fd, stat) != 0) {
        throw failure("fstat", "fd " + fd, errno(st));
      }
      return stat.get(JAVA_LONG, ST_BLOCKS) * 512;
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** An {@link IOException} that carries the errno of the failed call. */
  public static final class ErrnoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    ErrnoException(String message, int errno) {
      super(message);
      this.errno = errno;
    }

    /** The errno of the failed call. */
    public int errno() {
      return errno;
    }
  }
}
