package io.vineyard.bench;

/**
 * One row of the results: a figure of this store, its baseline measured in the same run, their
 * ratio and whether the goal holds.
 *
 * <p>The ratio is oriented so that the goal reads as written in the table: for rates, ours divided
 * by the baseline's (higher is better); for latencies, ours divided by the baseline's too (lower is
 * better, the goal is then a ceiling). {@code holds} is {@code null} when it cannot be judged: the
 * baseline is missing (never reported as passed) or the row has no goal.
 *
 * @param id the goal's id ({@code P3}) or a descriptive id for extra rows
 * @param name what was measured
 * @param value our figure
 * @param unit its unit
 * @param baseline what it is compared with, or why that is missing
 * @param baselineValue the baseline's figure, {@code null} when missing or none
 * @param ratio value ÷ baseline, {@code null} without a baseline
 * @param goal the goal, {@code null} for extra rows
 * @param holds whether the goal holds, {@code null} when it cannot be judged
 */
record Measure(
    String id,
    String name,
    double value,
    String unit,
    String baseline,
    Double baselineValue,
    Double ratio,
    Goal goal,
    Boolean holds) {

  /**
   * A row compared with a baseline figure ({@code baselineValue} null: the baseline is missing).
   */
  static Measure compared(
      String id,
      String name,
      double value,
      String unit,
      String baseline,
      Double baselineValue,
      Goal goal) {
    Double ratio = baselineValue == null || baselineValue == 0 ? null : value / baselineValue;
    Boolean holds = goal == null || ratio == null ? null : goal.holds(ratio);
    return new Measure(id, name, value, unit, baseline, baselineValue, ratio, goal, holds);
  }

  /** A row judged on its value alone ({@code goal} null: a figure without a goal). */
  static Measure alone(String id, String name, double value, String unit, Goal goal) {
    Boolean holds = goal == null ? null : goal.holds(value);
    return new Measure(id, name, value, unit, null, null, null, goal, holds);
  }

  /** The verdict as printed: {@code yes}, {@code NO}, {@code MISSING …} or blank. */
  String verdict() {
    if (holds != null) {
      return holds ? "yes" : "NO";
    }
    if (goal != null && baseline != null && baselineValue == null) {
      return "MISSING";
    }
    return "";
  }
}
