package io.vineyard.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and when a store spills cold blobs to disk ({@code --spill-path}, {@code
 * --spill-lower-rate}, {@code --spill-upper-rate}, vineyardd's flags and defaults).
 *
 * <p>When a create finds the store's use at or above {@code upperRate} of its limit, or cannot be
 * placed at all, the store writes sealed blobs that no connection references (least recently used
 * first, pinned ones excepted) to files under {@code dir} and frees their memory, until the use is
 * at or below {@code lowerRate} of the limit and the create fits. A spilled blob keeps its ID; the
 * next {@code get_buffers} of it loads it back into memory.
 *
 * @param dir the folder spill files go to; the store uses a folder of its own inside it, so several
 *     stores may share one
 * @param lowerRate the use, as a fraction of the limit, spilling goes down to (vineyardd: 0.3)
 * @param upperRate the use, as a fraction of the limit, that starts spilling (vineyardd: 0.8)
 */
public record SpillSettings(Path dir, double lowerRate, double upperRate) {
  /** vineyardd's {@code --spill_lower_rate} default. */
  public static final double DEFAULT_LOWER_RATE = 0.3;

  /** vineyardd's {@code --spill_upper_rate} default. */
  public static final double DEFAULT_UPPER_RATE = 0.8;

  /**
   * Checks the rates.
   *
   * @throws IllegalArgumentException naming the flag when a rate is outside [0, 1] or the lower
   *     rate exceeds the upper
   */
  public SpillSettings {
    Objects.requireNonNull(dir, "dir");
    if (!(lowerRate >= 0 && lowerRate <= 1)) {
      throw new IllegalArgumentException(
          "--spill-lower-rate must be between 0 and 1, was " + lowerRate);
    }
    if (!(upperRate >= 0 && upperRate <= 1)) {
      throw new IllegalArgumentException(
          "--spill-upper-rate must be between 0 and 1, was " + upperRate);
    }
    if (lowerRate > upperRate) {
      throw new IllegalArgumentException(
          "--spill-lower-rate ("
              + lowerRate
              + ") must not exceed --spill-upper-rate ("
              + upperRate
              + ")");
    }
  }

  /** Spilling to {@code dir} at vineyardd's default rates. */
  public static SpillSettings to(Path dir) {
    return new SpillSettings(dir, DEFAULT_LOWER_RATE, DEFAULT_UPPER_RATE);
  }
}
