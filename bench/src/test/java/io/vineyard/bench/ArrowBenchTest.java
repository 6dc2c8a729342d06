package io.vineyard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Arrow benchmark runs end to end on a small batch and prints every figure; no timing asserted.
 */
class ArrowBenchTest {
  @Test
  void smallRunPrintsEveryFigure() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<String> figures = new ArrowBench(new PrintStream(buf, true)).runOwnInstance(16L << 20);
    System.out.print(buf);
    assertEquals(6, figures.size(), buf.toString());
    for (String f : figures) {
      assertTrue(f.matches(".*\\s\\d+\\.\\d (GB/s|us)"), f);
    }
  }
}
