package io.vineyard.server.internal;

import io.vineyard.api.ErrorCode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The streams of an instance, as vineyardd's stream store keeps them: per stream the chunks ready
 * for the consumer (in the order they were handed over), the chunk the producer is writing, the
 * chunk the consumer is reading, which sides opened it, and whether it ended (drained or failed).
 *
 * <p>A consumer that pulls when no chunk is ready waits (its connection's thread) until the
 * producer hands one over or ends the stream, or until its client goes away. Chunks are handed to
 * the table by the caller; the table frees nothing itself: {@code dispose} deletes a chunk the
 * consumer is done with (its next pull) or that a drop left unread.
 */
final class StreamTable {
  /** How often a waiting consumer checks that its client is still there. */
  private static final long CHECK_MS = 200;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<ObjectId, Stream> streams = new HashMap<>();

  private static final class Stream {
    long openMark;
    final ArrayDeque<ObjectId> ready = new ArrayDeque<>();
    ObjectId writing;
    ObjectId reading;
    boolean readerWaiting;
    boolean drained;
    boolean failed;
  }

  /** Registers a stream; vineyardd does not look at its object. */
  void create(ObjectId id) {
    lock.lock();
    try {
      if (streams.containsKey(id)) {
        throw new VineyardException.ObjectExists("stream " + id + " already exists");
      }
      streams.put(id, new Stream());
    } finally {
      lock.unlock();
    }
  }

  /** Marks a side as open; each side ({@code mode} bit) opens a stream once (45 otherwise). */
  void open(ObjectId id, long mode) {
    lock.lock();
    try {
      Stream s = existing(id, "open");
      if ((s.openMark & mode) != 0) {
        throw VineyardException.of(
            ErrorCode.STREAM_OPENED.code(),
            "stream " + id + " is already open for " + (mode == 1 ? "reading" : "mode " + mode));
      }
      s.openMark |= mode;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The producer's next chunk: what it wrote before becomes ready ({@code handOver} runs on it,
   * e.g. to seal it, and says whether it is still there to hand over), then {@code allocate} makes
   * the new one, which it writes until its next call.
   */
  ObjectId next(
      ObjectId id, Predicate<ObjectId> handOver, java.util.function.Supplier<ObjectId> allocate) {
    lock.lock();
    try {
      Stream s = existing(id, "allocate a chunk of");
      requireRunning(id, s);
      handOverWriting(s, handOver);
      s.writing = allocate.get();
      return s.writing;
    } finally {
      lock.unlock();
    }
  }

  /** The producer hands over a chunk it made itself. */
  void push(ObjectId id, ObjectId chunk) {
    lock.lock();
    try {
      Stream s = existing(id, "push to");
      requireRunning(id, s);
      s.ready.add(chunk);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The consumer's next chunk, waiting until one is ready or the stream ends; the chunk it read
   * before is disposed of first.
   *
   * @param present whether the consumer is still there (checked while waiting)
   * @throws VineyardException with StreamDrained (42) at the end of a stream, StreamFailed (43)
   *     when it failed or was dropped, InvalidStreamState (44) when another pull waits on it
   */
  ObjectId pull(ObjectId id, Consumer<ObjectId> dispose, BooleanSupplier present) {
    lock.lock();
    try {
      Stream s = existing(id, "pull from");
      if (s.readerWaiting) {
        throw invalidState("stream " + id + " has a consumer waiting already");
      }
      if (s.reading != null) {
        ObjectId done = s.reading;
        s.reading = null;
        dispose.accept(done);
      }
      s.readerWaiting = true;
      try {
        while (s.ready.isEmpty()) {
          if (s.failed) {
            throw VineyardException.of(
                ErrorCode.STREAM_FAILED.code(), "stream " + id + " failed (stopped or dropped)");
          }
          if (s.drained) {
            throw VineyardException.of(
                ErrorCode.STREAM_DRAINED.code(), "stream " + id + " is drained");
          }
          if (!present.getAsBoolean()) {
            throw new VineyardException.ConnectionError(
                "the consumer of stream " + id + " went away while waiting");
          }
          changed.await(CHECK_MS, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VineyardException.AlreadyStopped("the instance stops: stream " + id);
      } finally {
        s.readerWaiting = false;
      }
      s.reading = s.ready.poll();
      return s.reading;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the stream: the chunk being written is handed over ({@code handOver} runs on it), then the
   * consumer reads what is ready and gets StreamDrained, or StreamFailed at once when {@code
   * failed}.
   */
  void stop(ObjectId id, boolean failed, Predicate<ObjectId> handOver) {
    lock.lock();
    try {
      Stream s = existing(id, "stop");
      if (s.drained || s.failed) {
        throw invalidState("stream " + id + " is already stopped");
      }
      handOverWriting(s, handOver);
      if (failed) {
        s.failed = true;
      } else {
        s.drained = true;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fails the stream and disposes of the chunks not read yet (the one being read stays: its
   * consumer may still map it). The stream stays known, as in vineyardd.
   */
  void drop(ObjectId id, Consumer<ObjectId> dispose) {
    lock.lock();
    try {
      Stream s = existing(id, "drop");
      s.failed = true;
      while (!s.ready.isEmpty()) {
        dispose.accept(s.ready.poll());
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The chunk being written becomes ready, unless it is gone (its producer left before). */
  private void handOverWriting(Stream s, Predicate<ObjectId> handOver) {
    if (s.writing != null) {
      if (handOver.test(s.writing)) {
        s.ready.add(s.writing);
        changed.signalAll();
      }
      s.writing = null;
    }
  }

  private Stream existing(ObjectId id, String what) {
    Stream s = streams.get(id);
    if (s == null) {
      throw new VineyardException.ObjectNotExists(
          "cannot " + what + " stream " + id + ": no such stream (create_stream first)");
    }
    return s;
  }

  private static void requireRunning(ObjectId id, Stream s) {
    if (s.drained || s.failed) {
      throw invalidState("stream " + id + " is stopped: no chunk can be added");
    }
  }

  private static VineyardException invalidState(String message) {
    return VineyardException.of(ErrorCode.INVALID_STREAM_STATE.code(), message);
  }
}
