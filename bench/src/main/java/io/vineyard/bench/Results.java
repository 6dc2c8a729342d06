package io.vineyard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of one run, in the order measured, and their three renderings: the printed table, {@code
 * latest.md} and {@code latest.json}.
 */
final class Results {
  private final List<Measure> measures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final String mode;

  Results(String mode) {
    this.mode = mode;
  }

  synchronized void add(Measure m, PrintStream out) {
    measures.add(m);
    out.println(row(m, false));
  }

  /** A line under the table: what was used, what was missing and why. */
  synchronized void note(String text, PrintStream out) {
    notes.add(text);
    out.println("  note: " + text);
  }

  synchronized List<Measure> measures() {
    return List.copyOf(measures);
  }

  synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  static String number(Double v) {
    if (v == null) {
      return "–";
    }
    double a = Math.abs(v);
    String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, f, v);
  }

  private static String row(Measure m, boolean markdown) {
    String baseline =
        m.baseline() == null
            ? "–"
            : m.baselineValue() == null
                ? m.baseline()
                : number(m.baselineValue()) + " " + m.unit() + " (" + m.baseline() + ")";
    String ratio = m.ratio() == null ? "–" : number(m.ratio()) + "×";
    String goal = m.goal() == null ? "" : m.goal().text();
    String[] cells = {
      m.id(), m.name(), number(m.value()) + " " + m.unit(), baseline, ratio, goal, m.verdict()
    };
    if (markdown) {
      return "| " + String.join(" | ", cells).replace("\n", " ") + " |";
    }
    return String.format(
        Locale.ROOT,
        "%-9s %-58s %16s  %-7s %-9s %s  [%s]",
        cells[0],
        cells[1],
        cells[2],
        cells[4],
        cells[5],
        cells[6],
        cells[3]);
  }

  void printTable(PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "%-9s %-58s %16s  %-7s %-9s %s  [%s]%n",
        "id",
        "measure",
        "this",
        "ratio",
        "goal",
        "holds",
        "baseline");
    for (Measure m : measures()) {
      out.println(row(m, false));
    }
  }

  void writeMarkdown(Path file, String header) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results (")
        .append(mode)
        .append(" run, ")
        .append(started)
        .append(")\n\n");
    md.append(header).append("\n\n");
    md.append("| id | measure | this | baseline | ratio | goal | holds |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Measure m : measures()) {
      md.append(row(m, true)).append('\n');
    }
    if (!notes().isEmpty()) {
      md.append("\nNotes:\n\n");
      for (String n : notes()) {
        md.append("- ").append(n).append('\n');
      }
    }
    Files.writeString(file, md);
  }

  void writeJson(Path file, Map<String, Object> extra) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mode", mode);
    root.put("started", started.toString());
    root.put("cores", Runtime.getRuntime().availableProcessors());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Measure m : measures()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", m.id());
      r.put("name", m.name());
      r.put("value", Double.isNaN(m.value()) ? null : m.value()); // NaN: no figure (JSON has none)
      r.put("unit", m.unit());
      r.put("baseline", m.baseline());
      r.put("baseline_value", m.baselineValue());
      r.put("ratio", m.ratio());
      r.put("goal", m.goal() == null ? null : m.goal().text());
      r.put("holds", m.holds());
      rows.add(r);
    }
    root.put("measures", rows);
    root.put("notes", notes());
    root.putAll(extra);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }
}
