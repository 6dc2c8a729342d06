package io.vineyard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick benchmark runs end to end against launched runtimes and writes its three files; every
 * goal's row is there, each either judged or its baseline reported missing. No timing is asserted.
 */
class BenchTest {
  @Test
  @Timeout(300)
  void quickRunWritesEveryGoalsRow(@TempDir Path out) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<Measure> rows = new Bench(new PrintStream(buf, true), true).run(out);
    System.out.print(buf);

    Set<String> ids = rows.stream().map(Measure::id).collect(Collectors.toSet());
    for (String goal : List.of("P1c", "P2", "P3", "P3c", "P3b", "P3w", "P5", "P5-rss")) {
      assertTrue(ids.contains(goal), goal + " missing from " + ids);
    }
    for (Measure m : rows) {
      if (m.goal() != null && m.holds() == null) {
        assertTrue(m.baseline().startsWith("MISSING"), "unjudged without a missing baseline: " + m);
      }
      assertFalse(Double.isNaN(m.value()) && m.holds() != null, "judged without a figure: " + m);
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("latest.json").toFile());
    assertEquals(rows.size(), json.get("measures").size());
    assertTrue(Files.readString(out.resolve("latest.md")).contains("| P3 |"));
    assertTrue(Files.size(out.resolve("latest-latency.png")) > 0);
  }
}
