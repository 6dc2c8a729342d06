package io.vineyard.store;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them on command lines ({@code --size 2G}) and read them in messages.
 *
 * <p>Units are binary, case-insensitive, with or without {@code B}/{@code iB}: {@code K}, {@code
 * M}, {@code G}, {@code T}, {@code P} are 2^10 to 2^50 ({@code 64k}, {@code 512M}, {@code 2GB},
 * {@code 1.5GiB}); no unit or {@code B} means bytes.
 */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Sizes() {}

  /**
   * Parses a size into bytes; fractions of a byte are dropped ({@code 1.5GiB} is 1610612736).
   *
   * @throws IllegalArgumentException naming the text when it is not a size or exceeds a long
   */
  public static long parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("not a size: null (expected e.g. 2G, 512M, 1.5GiB, 1024)");
    }
    Matcher m = SIZE.matcher(text);
    int shift = m.matches() ? shift(m.group(2)) : -1;
    if (shift < 0) {
      throw new IllegalArgumentException("not a size: '" + text + "' (expected e.g. 2G, 512M, 1.5GiB, 1024)");
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("size too large: '" + text + "' (at most " + Long.MAX_VALUE + " bytes)");
    }
    return bytes.setScale(0, RoundingMode.FLOOR).longValueExact();
  }

  /** The power of two a unit stands for, or -1 for an unknown unit. */
  private static int shift(String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    if (u.isEmpty() || u.equals("b")) {
      return 0;
    }
    int i = "kmgtp".indexOf(u.charAt(0));
    String rest = u.substring(1);
    boolean suffix = rest.isEmpty() || rest.equals("b") || rest.equals("i") || rest.equals("ib");
    return i >= 0 && suffix ? 10 * (i + 1) : -1;
  }

  /**
   * Formats bytes in the largest binary unit they reach, with at most two decimals: {@code 512 B},
   * {@code 64 KiB}, {@code 1.5 GiB}. {@link #parse} reads the result back (rounded).
   */
  public static String format(long bytes) {
    BigDecimal value = BigDecimal.valueOf(bytes);
    int unit = 0;
    while (unit < UNITS.length - 1 && value.abs().compareTo(BigDecimal.valueOf(1L << (10 * (unit + 1)))) >= 0) {
      unit++;
    }
    if (unit == 0) {
      return bytes + " B";
    }
    BigDecimal scaled = value.divide(BigDecimal.valueOf(1L << (10 * unit))).setScale(2, RoundingMode.HALF_UP);
    return scaled.stripTrailingZeros().toPlainString() + " " + UNITS[unit];
  }
}
