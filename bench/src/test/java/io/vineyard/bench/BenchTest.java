package io.vineyard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick benchmark runs end to end and prints every figure; no timing is asserted. */
class BenchTest {
  @Test
  void quickRunPrintsEveryFigure() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<String> figures = new Bench(new PrintStream(buf, true), true).runOwnInstance();
    System.out.print(buf);
    assertEquals(9, figures.size(), buf.toString());
    for (String f : figures) {
      assertTrue(f.matches(".*\\s\\d+\\.\\d\\d .*"), f);
    }
  }
}
