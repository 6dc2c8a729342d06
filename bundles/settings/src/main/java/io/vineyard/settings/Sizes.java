package io.vineyard.settings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as users write them ({@code --size 2G}) and as messages print them.
 *
 * <p>Units are binary and case-insensitive: {@code K}, {@code M}, {@code G}, {@code T}, {@code P}
 * with or without {@code B}, {@code i} or {@code iB} mean powers of 1024; a bare number is bytes
 * ({@code B} may follow). Fractions are allowed with a unit ({@code 1.5GiB}) and rounded down to
 * whole bytes; a size is at least one byte.
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kmgtp])(?:i?b|i)?|b)?", Pattern.CASE_INSENSITIVE);
  private static final String UNITS = "KMGTPE";

  private Sizes() {}

  /**
   * Parses a size such as {@code 512M}, {@code 2G}, {@code 1.5GiB} or {@code 4096}.
   *
   * @throws IllegalArgumentException quoting the text when it is not a size, is zero, or exceeds a
   *     long
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a size: '" + text + "' (write e.g. 512M, 2G, 1.5GiB or a byte count)");
    }
    int power = m.group(2) == null ? 0 : UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1;
    if (power == 0 && m.group(1).contains(".")) {
      throw new IllegalArgumentException("a byte count is a whole number: '" + text + "'");
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "size too large: '" + text + "' (at most " + Long.MAX_VALUE + " bytes)");
    }
    long value = bytes.longValue();
    if (value < 1) {
      throw new IllegalArgumentException("size must be at least one byte: '" + text + "'");
    }
    return value;
  }

  /**
   * Bytes in the largest binary unit they reach, with at most two decimals and a space, for
   * messages: {@code 512 B}, {@code 64 KiB}, {@code 1.5 GiB}. {@link #parse} reads it back
   * (rounded).
   */
  public static String format(long bytes) {
    BigDecimal value = BigDecimal.valueOf(bytes);
    int unit = 0;
    while (unit < UNITS.length()
        && value.abs().compareTo(BigDecimal.valueOf(1L << (10 * (unit + 1)))) >= 0) {
      unit++;
    }
    if (unit == 0) {
      return bytes + " B";
    }
    BigDecimal scaled =
        value.divide(BigDecimal.valueOf(1L << (10 * unit))).setScale(2, RoundingMode.HALF_UP);
    return scaled.stripTrailingZeros().toPlainString() + " " + UNITS.charAt(unit - 1) + "iB";
  }

  /**
   * Bytes as a flag value, with a binary unit, at most one decimal (rounded down) and no space:
   * {@code 64MiB}, {@code 1.5GiB}, {@code 100B}, as the launcher's ready line prints {@code
   * --size}.
   */
  public static String formatFlag(long bytes) {
    if (bytes < 1024) {
      return bytes + "B";
    }
    int power = Math.min((63 - Long.numberOfLeadingZeros(bytes)) / 10, UNITS.length());
    double value = bytes / Math.pow(1024, power);
    String number =
        BigDecimal.valueOf(Math.floor(value * 10) / 10).stripTrailingZeros().toPlainString();
    return number + UNITS.charAt(power - 1) + "iB";
  }
}
