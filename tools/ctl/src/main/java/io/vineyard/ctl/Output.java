package io.vineyard.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vineyard.api.ObjectMeta;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a command's result goes: an aligned table (or key-value lines) for people, JSON for
 * scripts. Commands build plain maps and lists; this class alone decides how they look.
 */
final class Output {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  boolean json() {
    return json;
  }

  PrintWriter writer() {
    return out;
  }

  /** Prints a value (maps, lists, strings, numbers; metadata trees as their JSON) as JSON. */
  void printJson(Object value) {
    try {
      out.println(JSON.writeValueAsString(plain(value)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /** A metadata tree as the plain JSON values it is made of. */
  static Object plain(Object value) {
    if (value instanceof ObjectMeta meta) {
      try {
        return JSON.readValue(meta.toString(), Object.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a metadata tree that is no JSON: " + e.getMessage(), e);
      }
    }
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> copy = new java.util.LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(k, plain(v)));
      return copy;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(Output::plain).toList();
    }
    return value;
  }

  /**
   * A status figure as JSON: the client hands lists and objects over as their JSON text, which is
   * parsed back here so that scripts get structure, not text.
   */
  static Object jsonText(Object v) {
    if (v instanceof String s && (s.startsWith("[") || s.startsWith("{"))) {
      try {
        return JSON.readValue(s, Object.class);
      } catch (JsonProcessingException e) {
        return s;
      }
    }
    return v;
  }

  /** Prints rows under a header, each column as wide as its widest cell. */
  void table(List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(width[i] - row.get(i).length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Prints {@code key value} lines, keys aligned. */
  void keyValues(Map<String, ?> entries) {
    int width = entries.keySet().stream().mapToInt(String::length).max().orElse(0);
    entries.forEach(
        (k, v) -> out.println(k + " ".repeat(width - k.length() + 2) + String.valueOf(v)));
  }

  /** Bytes in binary units, e.g. {@code 1.5 GiB}, {@code 64 B}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
