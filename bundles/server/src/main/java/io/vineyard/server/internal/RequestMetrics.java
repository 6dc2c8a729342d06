package io.vineyard.server.internal;

import io.vineyard.protocol.Command;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests served per command: how many, how many failed, and their latencies in a fixed histogram.
 * Recording allocates nothing and takes no lock (a few {@link LongAdder} increments), since it runs
 * on every request.
 */
final class RequestMetrics {
  /** The histogram's upper bounds in microseconds; a last bucket takes the rest. */
  static final long[] BOUNDS_MICROS = {
    10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000,
    500_000, 1_000_000, 5_000_000
  };

  private final PerCommand[] commands = new PerCommand[Command.values().length];

  RequestMetrics() {
    for (int i = 0; i < commands.length; i++) {
      commands[i] = new PerCommand();
    }
  }

  /** Records one request of a command (by its ordinal) that took {@code nanos}. */
  void record(int command, long nanos, boolean failed) {
    PerCommand c = commands[command];
    c.count.increment();
    c.nanos.add(nanos);
    if (failed) {
      c.errors.increment();
    }
    long micros = nanos / 1_000;
    int b = 0;
    while (b < BOUNDS_MICROS.length && micros > BOUNDS_MICROS[b]) {
      b++;
    }
    c.buckets[b].increment();
  }

  /** The figures of one command. */
  PerCommand of(Command command) {
    return commands[command.ordinal()];
  }

  /** One command's counters. */
  static final class PerCommand {
    final LongAdder count = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final LongAdder[] buckets = new LongAdder[BOUNDS_MICROS.length + 1];

    PerCommand() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    /** The count of each bucket (not cumulative), the last one for latencies beyond the bounds. */
    long[] bucketCounts() {
      long[] out = new long[buckets.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = buckets[i].sum();
      }
      return out;
    }

    /**
     * The latency under which {@code q} (0..1) of the requests finished, as a bucket's upper bound
     * in microseconds; 0 before any request, -1 when beyond the last bound.
     */
    long quantileMicros(double q) {
      long[] counts = bucketCounts();
      long total = 0;
      for (long c : counts) {
        total += c;
      }
      if (total == 0) {
        return 0;
      }
      long rank = (long) Math.ceil(q * total);
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return i < BOUNDS_MICROS.length ? BOUNDS_MICROS[i] : -1;
        }
      }
      return -1;
    }
  }
}
