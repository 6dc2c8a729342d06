package io.vineyard.client.internal;

import io.vineyard.api.ObjectId;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;

/**
 * One view's hold on a blob: the view's own read-only segment over the connection's mapping, in an
 * arena of its own, and one count in the connection's {@link BlobRefs}.
 *
 * <p>Everything made from the segment ({@code asSlice}, {@code asByteBuffer}, typed buffers and
 * their slices, a tensor over it) keeps the arena's scope reachable, and so the count: the blob is
 * released when the last of them is unreachable (a {@link Cleaner} action on that scope) or when
 * the view is {@link #close() closed}, whichever comes first. Closing the arena makes every access
 * through any of them throw {@link IllegalStateException}; memory is never unmapped by a view (the
 * mapping is the whole store file, shared by all blobs of the connection).
 */
final class BlobLease {
  /** Runs the releases of views and writers that became unreachable (one daemon thread). */
  static final Cleaner CLEANER = Cleaner.create();

  private final Arena arena;
  private final MemorySegment segment;
  private final Cleaner.Cleanable cleanable;

  private BlobLease(Arena arena, MemorySegment segment, Cleaner.Cleanable cleanable) {
    this.arena = arena;
    this.segment = segment;
    this.cleanable = cleanable;
  }

  /**
   * A lease on {@code id}, whose bytes {@code mapped} are (a slice of the connection's mapping).
   * The caller must hold a count on {@code id} while this runs, so the reference cannot be released
   * in between.
   */
  static BlobLease open(BlobRefs refs, ObjectId id, MemorySegment mapped) {
    Arena arena = Arena.ofShared();
    // the scope keeps its arena reachable (through this no-op cleanup), so the weak reference the
    // connection keeps to close it lives exactly as long as some view of this lease does
    MemorySegment own =
        mapped.reinterpret(mapped.byteSize(), arena, s -> Reference.reachabilityFence(arena));
    Release release = new Release(refs, id, arena);
    refs.acquire(id);
    refs.track(release);
    return new BlobLease(arena, own.asReadOnly(), CLEANER.register(arena.scope(), release));
  }

  /** The blob's bytes, read-only, valid until this lease is closed. */
  MemorySegment segment() {
    return segment;
  }

  boolean isOpen() {
    return arena.scope().isAlive();
  }

  /**
   * Invalidates every view made from this lease and gives its count back. Idempotent.
   *
   * @throws IllegalStateException when a view of it is inside an I/O operation on another thread;
   *     nothing is released then
   */
  void close() {
    if (arena.scope().isAlive()) {
      try {
        arena.close();
      } catch (IllegalStateException e) {
        if (arena.scope().isAlive()) {
          throw new IllegalStateException(
              "cannot close the view now: another thread is reading it in an I/O operation", e);
        }
      }
    }
    cleanable.clean();
  }

  /**
   * What runs once, when the lease is closed or its scope unreachable: gives the count back. It
   * must not reach the scope strongly, or the scope would never become unreachable.
   */
  static final class Release implements Runnable {
    private final BlobRefs refs;
    private final ObjectId id;
    private final WeakReference<Arena> arena;

    Release(BlobRefs refs, ObjectId id, Arena arena) {
      this.refs = refs;
      this.id = id;
      this.arena = new WeakReference<>(arena);
    }

    /** The lease's arena while some view of it is reachable, else null. */
    Arena arena() {
      return arena.get();
    }

    @Override
    public void run() {
      refs.untrack(this);
      refs.drop(id);
    }
  }
}
