package io.vineyard.ctl;

import java.io.PrintWriter;

/**
 * A progress bar on one terminal line ({@code \r}-rewritten), redrawn at most once a percent:
 * {@code [#########...........] 45% 1.2 GiB of 2.6 GiB}. Silent when off.
 */
final class Progress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final long total;
  private final boolean on;
  private final long started = System.nanoTime();
  private int shownPercent = -1;

  Progress(PrintWriter err, long total, boolean on) {
    this.err = err;
    this.total = total;
    this.on = on;
  }

  /** Shows {@code done} of the total. */
  void update(long done) {
    if (!on) {
      return;
    }
    int percent = total == 0 ? 100 : (int) (done * 100 / total);
    if (percent == shownPercent) {
      return;
    }
    shownPercent = percent;
    int filled = percent * WIDTH / 100;
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    err.print(
        "\r["
            + "#".repeat(filled)
            + ".".repeat(WIDTH - filled)
            + "] "
            + String.format("%3d%%", percent)
            + "  "
            + Output.bytes(done)
            + " of "
            + Output.bytes(total)
            + "  "
            + Output.bytes((long) (done / seconds))
            + "/s   ");
    err.flush();
  }

  /** Ends the bar's line. */
  void finish() {
    if (on && shownPercent >= 0) {
      err.println();
      err.flush();
    }
  }
}
