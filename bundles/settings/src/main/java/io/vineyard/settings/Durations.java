package io.vineyard.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as users write them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601
 * ({@code PT10S}).
 */
public final class Durations {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses a duration: a whole number with a unit, {@code ms}, {@code s}, {@code m} or {@code h},
   * or ISO-8601.
   *
   * @throws IllegalArgumentException quoting the text when it is none of those
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.strip();
    Matcher m = DURATION.matcher(s);
    if (m.matches() && m.group(1).length() < 10) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (write e.g. 500ms, 10s, 2m)");
    }
  }
}
