package io.vineyard.meta.raft;

import java.time.Duration;

/** How durations read in error messages. */
final class Timeouts {
  private Timeouts() {}

  /** {@code 10 s}, {@code 1.5 s} or {@code 300 ms}. */
  static String text(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    return ms % 1000 == 0
        ? (ms / 1000) + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
