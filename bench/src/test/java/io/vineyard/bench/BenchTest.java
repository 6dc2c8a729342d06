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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick benchmark runs end to end against launched runtimes and writes its three files; every
 * goal's row is there, each either judged or its baseline reported missing. No timing is asserted.
 * The default build runs the sections of one runtime; {@code -Dvineyard.bench.all=true} also runs
 * those that start more (reserved memory, a cluster of three and etcd, many objects).
 */
class BenchTest {
  @Test
  @Timeout(300)
  void quickRunOfOneRuntimeWritesItsRows(@TempDir Path out) throws Exception {
    run(
        out,
        Set.of("start", "pairs", "inprocess", "wire", "get", "large", "sweep", "jvm"),
        List.of("P1c", "P2", "P3", "P3c", "P3b", "P3w", "P5", "P5-rss", "P7", "P3-jvm"));
    assertTrue(Files.size(out.resolve("latest-latency.png")) > 0);
  }

  @Test
  @Timeout(600)
  @EnabledIfSystemProperty(named = "vineyard.bench.all", matches = "true")
  void quickRunOfTheOtherSections(@TempDir Path out) throws Exception {
    run(
        out,
        Set.of("reserved", "persist", "many"),
        List.of("P1", "P1-double", "P1b", "P4", "P4c", "P6", "P6-get"));
  }

  private static void run(Path out, Set<String> sections, List<String> expected) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<Measure> rows = new Bench(new PrintStream(buf, true), true, sections).run(out);
    System.out.print(buf);

    Set<String> ids = rows.stream().map(Measure::id).collect(Collectors.toSet());
    for (String goal : expected) {
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
    assertTrue(
        Files.readString(out.resolve("latest.md")).contains("| " + expected.getFirst() + " |"));
  }
}
