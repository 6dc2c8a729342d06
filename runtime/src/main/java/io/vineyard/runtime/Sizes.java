package io.vineyard.runtime;

/**
 * Memory sizes on the command line: the launcher's names for {@link io.vineyard.settings.Sizes}
 * (the one parser, embedded in this jar since the launcher's class path is this jar and Felix).
 */
public final class Sizes {
  private Sizes() {}

  /** {@link io.vineyard.settings.Sizes#parse}. */
  public static long parse(String text) {
    return io.vineyard.settings.Sizes.parse(text);
  }

  /** {@link io.vineyard.settings.Sizes#formatFlag}: {@code 64MiB}, {@code 1.5GiB}. */
  public static String format(long bytes) {
    return io.vineyard.settings.Sizes.formatFlag(bytes);
  }
}
