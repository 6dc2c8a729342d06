package io.vineyard.settings;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A point in time a wait must not pass, and the one polling loop for the waits that have no event
 * to wait on (a socket that starts to accept, a mapping still in use by a native call). Waits that
 * have an event use it (futures, monitors) instead. Immutable; time is {@link System#nanoTime()}.
 */
public final class Deadline {
  private final long at;

  private Deadline(long at) {
    this.at = at;
  }

  /** The deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** A deadline that does not pass (a wait that ends on its condition only). */
  public static Deadline never() {
    return new Deadline(System.nanoTime() + Long.MAX_VALUE / 2);
  }

  /** Whether it has passed. */
  public boolean passed() {
    return System.nanoTime() - at >= 0;
  }

  /** The time left, zero once passed. */
  public Duration left() {
    return Duration.ofNanos(Math.max(0, at - System.nanoTime()));
  }

  /**
   * Tests {@code done} now and every {@code every} after, until it holds or the deadline passes.
   *
   * @return true once {@code done} held; false when the deadline passed first, or when the thread
   *     was interrupted (its interrupt flag is set again)
   */
  public boolean poll(Duration every, BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      if (passed()) {
        return false;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(every.toMillis(), left().toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
