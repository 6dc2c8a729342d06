package io.vineyard.client.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.posix.Posix;
import io.vineyard.protocol.Payload;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's mappings of the instance's store files, keyed by the server's {@code store_fd}
 * number, the way vineyardd's client keeps its {@code mmap_table_}.
 *
 * <p>A store file is mapped once per connection, {@link Payload#mappingLength()} bytes from offset
 * 0, shared and (when the descriptor allows) read-write; the received descriptor is closed right
 * after mapping. Views are slices of those mappings, never copies. Every mapping is tied to one
 * shared {@link Arena}: {@link #close()} closes it first, so any view still in use afterwards
 * throws {@link IllegalStateException} instead of touching unmapped memory, and then unmaps.
 */
final class Mappings implements AutoCloseable {
  private static final int EACCES = 13;

  /** Receives the next descriptor from the server; the caller owns (closes) it. */
  @FunctionalInterface
  interface FdSource {
    int receive() throws IOException;
  }

  /**
   * {@code populated}: for a store file allocated whole, how far from offset 0 the background
   * populater has come; null for a sparse one.
   */
  private record Mapping(
      MemorySegment raw, MemorySegment scoped, boolean writable, AtomicLong populated) {}

  private final Arena arena = Arena.ofShared();
  private final Map<Integer, Mapping> byStoreFd = new HashMap<>();
  private final MemorySegment empty = arena.allocate(1).asSlice(0, 0);
  private boolean closed;

  /** The store_fds of these payloads that are not mapped yet, in payload order, each once. */
  synchronized List<Integer> unmapped(List<Payload> payloads) {
    Set<Integer> out = new LinkedHashSet<>();
    for (Payload p : payloads) {
      if (p.dataSize() > 0 && !byStoreFd.containsKey(p.storeFd())) {
        out.add(p.storeFd());
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Receives the descriptors a reply announced ({@code declared}, in order) and maps them.
   *
   * <p>All announced descriptors are received before anything is checked, so the stream stays in
   * step; if they are not exactly the unmapped store files of {@code payloads}, in order, they are
   * closed and {@link VineyardException.UnknownError} is thrown (vineyardd's client does the same).
   */
  synchronized void receive(List<Payload> payloads, List<Integer> declared, FdSource source)
      throws IOException {
    checkOpen();
    int[] local = new int[declared.size()];
    java.util.Arrays.fill(local, -1);
    try {
      for (int i = 0; i < local.length; i++) {
        local[i] = source.receive();
      }
      List<Integer> expected = unmapped(payloads);
      if (!expected.equals(declared)) {
        throw new VineyardException.UnknownError(
            "fd set is not matched: the reply announces store fds "
                + declared
                + " but the payloads need "
                + expected
                + " (this connection has mapped "
                + byStoreFd.keySet()
                + ")");
      }
      for (int i = 0; i < local.length; i++) {
        int storeFd = declared.get(i);
        Payload first =
            payloads.stream()
                .filter(p -> p.storeFd() == storeFd && p.dataSize() > 0)
                .findFirst()
                .orElseThrow();
        byStoreFd.put(storeFd, map(local[i], first));
      }
    } finally {
      for (int fd : local) {
        Posix.close(fd);
      }
    }
  }

  private Mapping map(int fd, Payload p) throws IOException {
    long length = p.mappingLength();
    if (length <= 0 || p.dataOffset() < 0 || p.dataOffset() + p.dataSize() > length) {
      throw new VineyardException.Invalid(
          "blob "
              + p.objectId()
              + ": data at offset "
              + p.dataOffset()
              + " ("
              + p.dataSize()
              + " bytes) does not fit in the mapping of "
              + length
              + " bytes (map_size - 8)");
    }
    MemorySegment raw;
    boolean writable = true;
    try {
      raw = Posix.mmap(fd, length, true);
    } catch (Posix.ErrnoException e) {
      if (e.errno() != EACCES) {
        throw e;
      }
      raw = Posix.mmap(fd, length, false);
      writable = false;
    }
    AtomicLong populated = writable && allocatedWhole(fd, length) ? new AtomicLong() : null;
    Mapping m = new Mapping(raw, raw.reinterpret(length, arena, null), writable, populated);
    if (populated != null) {
      populateInBackground(m.scoped(), populated);
    }
    return m;
  }

  /**
   * Whether the store file's first {@code length} bytes are all allocated: a store started with
   * {@code --reserve-memory} allocated it all at start.
   */
  private static boolean allocatedWhole(int fd, long length) {
    try {
      return Posix.allocatedBytes(fd) >= length;
    } catch (IOException e) {
      return false; // treat it as sparse
    }
  }

  /** The chunk the background populater maps per call: short, so close() never waits long. */
  private static final long POPULATE_CHUNK = 32L << 20;

  /**
   * One daemon thread per process populates the reserved mappings of all its connections, one after
   * the other: at most one core goes to it however many clients the process opens.
   */
  private static final ExecutorService POPULATER =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("vineyard-populate").factory());

  /**
   * Maps a reserved store file's pages into this process's page tables in the background, from
   * offset 0 (where the store places its first blobs), ahead of the caller's writes: with {@code
   * --reserve-memory} the pages exist already, so this costs page tables (2 MiB per GiB) and CPU,
   * not memory, and a large put then copies at memory speed instead of faulting once per 4 KiB
   * page. Stops at the end, or once this connection's mappings are closed.
   */
  private static void populateInBackground(MemorySegment mapping, AtomicLong populated) {
    POPULATER.execute(
        () -> {
          try {
            for (long off = 0; off < mapping.byteSize(); off += POPULATE_CHUNK) {
              long n = Math.min(POPULATE_CHUNK, mapping.byteSize() - off);
              if (!Posix.madviseInScope(mapping.asSlice(off, n), Posix.MADV_POPULATE_WRITE)) {
                return; // a kernel without MADV_POPULATE_WRITE: writes fault as usual
              }
              populated.set(off + n);
            }
          } catch (IllegalStateException closed) {
            // the client closed: nothing left to populate
          }
        });
  }

  /**
   * The bytes of a payload whose store file is mapped: read-only unless {@code writable} (for a
   * blob being created). The empty blob (size 0) needs no mapping.
   *
   * @throws IllegalStateException once closed
   */
  synchronized MemorySegment view(Payload p, boolean writable) {
    checkOpen();
    if (p.dataSize() == 0) {
      return writable ? empty : empty.asReadOnly();
    }
    Mapping m = byStoreFd.get(p.storeFd());
    if (m == null) {
      throw new VineyardException.Invalid(
          "blob "
              + p.objectId()
              + ": store fd "
              + p.storeFd()
              + " was never sent to this connection");
    }
    if (p.dataOffset() < 0 || p.dataOffset() + p.dataSize() > m.scoped().byteSize()) {
      throw new VineyardException.Invalid(
          "blob "
              + p.objectId()
              + ": data at offset "
              + p.dataOffset()
              + " ("
              + p.dataSize()
              + " bytes) lies outside the "
              + m.scoped().byteSize()
              + "-byte mapping of store fd "
              + p.storeFd());
    }
    MemorySegment slice = m.scoped().asSlice(p.dataOffset(), p.dataSize());
    if (!writable) {
      return slice.asReadOnly();
    }
    if (!m.writable()) {
      throw new VineyardException.Invalid(
          "blob "
              + p.objectId()
              + ": store fd "
              + p.storeFd()
              + " was sent read-only; cannot write the blob");
    }
    return slice;
  }

  /** Blobs from this size on have their pages mapped in one call before the caller writes. */
  static final long POPULATE_FROM = 64 << 10;

  private static final long PAGE = 4096;

  /**
   * Maps the pages of a blob just created ({@code blob}, the view of payload {@code p}) into this
   * process's page tables in one call ({@code madvise(MADV_POPULATE_WRITE)}, Linux 5.14+), so that
   * writing it does not fault once per 4 KiB page: an order of magnitude faster for large blobs
   * (the store has allocated the pages already, so this costs no memory). In a reserved store file
   * only the part the background populater has not reached yet is done here (a second walk over
   * populated pages costs as much as the first). Small blobs, and kernels that refuse, fault as
   * usual.
   */
  synchronized void populateForWrite(Payload p, MemorySegment blob) {
    Mapping m = byStoreFd.get(p.storeFd());
    if (blob.byteSize() < POPULATE_FROM || m == null) {
      return;
    }
    long from = p.dataOffset();
    if (m.populated() != null) {
      from = Math.max(from, m.populated().get());
    }
    long to = p.dataOffset() + p.dataSize();
    if (from >= to) {
      return;
    }
    long start = m.raw().address() + (from & -PAGE); // a mapping starts on a page boundary
    long length = m.raw().address() + to - start;
    Posix.madvise(MemorySegment.ofAddress(start).reinterpret(length), Posix.MADV_POPULATE_WRITE);
  }

  /** How many store files are mapped. */
  synchronized int size() {
    return byStoreFd.size();
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(
          "the Vineyard client is closed; its shared memory is unmapped");
    }
  }

  private boolean closeArena() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        arena.close();
        return true;
      } catch (IllegalStateException busy) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  /** Invalidates every view, then unmaps every store file. Idempotent. */
  @Override
  public void close() {
    close(true);
  }

  /**
   * Invalidates every view made from the shared arena, then unmaps every store file unless {@code
   * unmap} is false (a view in an arena of its own could not be closed: its memory must stay).
   */
  synchronized void close(boolean unmap) {
    if (closed) {
      return;
    }
    closed = true;
    if (!closeArena() || !unmap) {
      // a view is still inside a native call (NIO channel I/O on a buffer): unmapping now could
      // crash it; the mappings stay until the process exits
      byStoreFd.clear();
      return;
    }
    for (Mapping m : byStoreFd.values()) {
      try {
        Posix.munmap(m.raw());
      } catch (IOException e) {
        // nothing to do: the address range is ours and stays reserved until exit at worst
      }
    }
    byStoreFd.clear();
  }
}
