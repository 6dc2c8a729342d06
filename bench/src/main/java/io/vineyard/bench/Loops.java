package io.vineyard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The timed loops, written once for every store: pairs per second over some clients, latency
 * samples and their percentiles.
 */
final class Loops {
  private Loops() {}

  /** What one client does once per operation; the argument counts operations from 0. */
  @FunctionalInterface
  interface Op {
    void run(long i) throws Exception;
  }

  /**
   * Put+get pairs per second of {@code clients} clients, each with its own connection, each doing
   * {@code pairsEach} pairs of {@code valueSize} bytes after a warm-up of half as many (at most
   * 2000); values are deleted {@code batch} at a time (one request), inside the timed loop, as both
   * stores must to stay within memory. With {@code delete} each pair is followed by its own delete
   * instead.
   */
  static double pairsPerSecond(
      Supplier<KeyValue> connect, int clients, int valueSize, int pairsEach, boolean delete) {
    int batch = Math.max(1, Math.min(1000, (64 << 20) / Math.max(1, valueSize) / clients));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch warm = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long[] starts = new long[clients];
    long[] ends = new long[clients];
    for (int c = 0; c < clients; c++) {
      int me = c;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (KeyValue kv = connect.get()) {
                      byte[] value = new byte[valueSize];
                      // the JIT of both processes needs a few thousand requests to settle
                      pairs(kv, value, Math.max(10, Math.min(2000, pairsEach / 2)), batch, delete);
                      warm.countDown();
                      go.await();
                      starts[me] = System.nanoTime();
                      pairs(kv, value, pairsEach, batch, delete);
                      ends[me] = System.nanoTime();
                    } catch (Throwable t) {
                      failure.compareAndSet(null, t);
                      warm.countDown();
                    }
                  }));
    }
    try {
      warm.await();
      go.countDown();
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a client of the loop failed", failure.get());
    }
    long first = Arrays.stream(starts).min().orElseThrow();
    long last = Arrays.stream(ends).max().orElseThrow();
    return (double) pairsEach * clients / ((last - first) / 1e9);
  }

  private static void pairs(KeyValue kv, byte[] value, int n, int batch, boolean delete) {
    List<Object> handles = new ArrayList<>(batch);
    for (int i = 0; i < n; i++) {
      value[0] = (byte) i;
      Object h = kv.put(value);
      if (kv.get(h) != value.length) {
        throw new IllegalStateException("read back a value of the wrong size");
      }
      handles.add(h);
      if (delete || handles.size() == batch) {
        kv.delete(handles);
        handles.clear();
      }
    }
    if (!handles.isEmpty()) {
      kv.delete(handles);
    }
  }

  /** Runs {@code op} {@code n} times after {@code warmup} untimed runs; each run's time, ns. */
  static long[] samples(int warmup, int n, Op op) {
    try {
      for (int i = 0; i < warmup; i++) {
        op.run(i);
      }
      long[] t = new long[n];
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        op.run(warmup + i);
        t[i] = System.nanoTime() - t0;
      }
      return t;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code p}-th percentile (0..100) of the samples, in microseconds. */
  static double percentileMicros(long[] samples, double p) {
    long[] s = samples.clone();
    Arrays.sort(s);
    int i = (int) Math.min(s.length - 1, Math.max(0, Math.ceil(p / 100 * s.length) - 1));
    return s[i] / 1e3;
  }

  /** Runs {@code op} on {@code threads} threads, {@code each} times per thread; ops per second. */
  static double opsPerSecond(int threads, int each, Supplier<Op> perThread) {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      ts.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      Op op = perThread.get();
                      ready.countDown();
                      go.await();
                      for (int i = 0; i < each; i++) {
                        op.run(i);
                      }
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                      ready.countDown();
                    }
                  }));
    }
    try {
      ready.await();
      long t0 = System.nanoTime();
      go.countDown();
      for (Thread t : ts) {
        t.join();
      }
      long elapsed = System.nanoTime() - t0;
      if (failure.get() != null) {
        throw new IllegalStateException("a thread of the loop failed", failure.get());
      }
      return (double) threads * each / (elapsed / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
