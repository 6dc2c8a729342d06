package io.vineyard.runtime;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as users write them on the command line, and back.
 *
 * <p>Units are binary and case-insensitive: {@code K}, {@code M}, {@code G}, {@code T} and their
 * {@code KB}/{@code KiB} spellings all mean powers of 1024; a bare number is bytes ({@code B} may
 * follow). Fractions are allowed with a unit ({@code 1.5GiB}) and rounded down to whole bytes.
 *
 * <p>The launcher keeps its own copy instead of reusing the store bundle's parser: its class
 * path is the launcher and Felix only.
 */
public final class Sizes {
    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kmgtp])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "KMGTP";

    private Sizes() {}

    /**
     * Parses a size such as {@code 512M}, {@code 2G}, {@code 1.5GiB} or {@code 4096}.
     *
     * @param text the size as written by the user
     * @return the size in bytes, at least 1
     * @throws IllegalArgumentException if the text is not a size, is zero, or exceeds a long
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
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        long value = bytes.longValue();
        if (value < 1) {
            throw new IllegalArgumentException("size must be at least one byte: '" + text + "'");
        }
        return value;
    }

    /**
     * Formats a byte count for people, with a binary unit and at most one decimal, without
     * spaces: {@code 64MiB}, {@code 1.5GiB}, {@code 100B}.
     *
     * @param bytes a non-negative byte count
     * @return the formatted size; exact byte counts below 1 KiB are printed as {@code <n>B}
     */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        int power = Math.min((63 - Long.numberOfLeadingZeros(bytes)) / 10, UNITS.length());
        double value = bytes / Math.pow(1024, power);
        String number = BigDecimal.valueOf(Math.floor(value * 10) / 10).stripTrailingZeros().toPlainString();
        return number + UNITS.charAt(power - 1) + "iB";
    }
}
