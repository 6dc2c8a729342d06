package io.vineyard.bench;

/**
 * A goal of the benchmark's table: a bound on a measure's ratio to its baseline (or on its value,
 * for measures without a baseline), either a floor ({@code ≥}) or a ceiling ({@code ≤}).
 *
 * @param onRatio whether the bound applies to the ratio (else to the value itself)
 * @param atLeast a floor when true, a ceiling when false
 * @param limit the bound
 * @param unit the unit of a bound on the value ({@code "×"} for ratios)
 */
record Goal(boolean onRatio, boolean atLeast, double limit, String unit) {

  static Goal ratioAtLeast(double limit) {
    return new Goal(true, true, limit, "×");
  }

  static Goal ratioAtMost(double limit) {
    return new Goal(true, false, limit, "×");
  }

  static Goal valueAtMost(double limit, String unit) {
    return new Goal(false, false, limit, unit);
  }

  /** Whether {@code value} (the ratio or the value, as this goal says) meets the bound. */
  boolean holds(double value) {
    return atLeast ? value >= limit : value <= limit;
  }

  /** {@code ≥ 1.2×}, {@code ≤ 150 MiB}. */
  String text() {
    String n = limit == Math.rint(limit) ? Long.toString((long) limit) : Double.toString(limit);
    return (atLeast ? "≥ " : "≤ ") + n + ("×".equals(unit) ? "×" : " " + unit);
  }
}
