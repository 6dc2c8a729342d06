package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.itests.programs.ArrowTableClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 1M rows x 8 columns of mixed types (int, bigint, float, double, bool, date, text, list of int,
 * each with nulls) put by one client JVM through the store allocator and read by another: every
 * value read equals what was written. Prints the times measured (not asserted).
 */
class ArrowTableTest {
  @Test
  void aMillionRowsOfEightColumnsCrossProcesses() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("512M")) {
      String written =
          ClientProcess.run(
              "512m", ArrowTableClient.class, "write", rt.socket.toString(), "1000000");
      Matcher w =
          Pattern.compile("id=(o[0-9a-f]{16}) checksum=(-?\\d+) putMicros=(\\d+)").matcher(written);
      assertTrue(w.find(), written);
      String read =
          ClientProcess.run(
              "512m", ArrowTableClient.class, "read", rt.socket.toString(), w.group(1));
      Matcher r =
          Pattern.compile("rows=(\\d+) columns=(\\d+) checksum=(-?\\d+) getMicros=(\\d+)")
              .matcher(read);
      assertTrue(r.find(), read);
      assertEquals("1000000", r.group(1));
      assertEquals("8", r.group(2));
      assertEquals(w.group(2), r.group(3), "every value read equals what was written");
      System.out.printf(
          "Arrow batch 1M rows x 8 columns: put (store allocator) %s us, get in another JVM %s us%n",
          w.group(3), r.group(4));
    }
  }
}
