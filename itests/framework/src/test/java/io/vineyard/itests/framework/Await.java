package io.vineyard.itests.framework;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls for what SCR and Config Admin do on their own threads (activating a configured component,
 * dropping a plugin whose bundle stopped), so that tests neither sleep nor depend on timing.
 */
final class Await {
  /**
   * Long enough for a component to activate on a loaded two-core machine, short enough to fail
   * fast.
   */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Await() {}

  /**
   * Returns once {@code condition} holds; fails with {@code what} (and the time waited) if it does
   * not in time.
   */
  static void until(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not within " + TIMEOUT.toSeconds() + " s: " + what.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for: " + what.get());
      }
    }
  }

  /** {@link #until(BooleanSupplier, Supplier)} with a fixed message. */
  static void until(BooleanSupplier condition, String what) {
    until(condition, () -> what);
  }
}
