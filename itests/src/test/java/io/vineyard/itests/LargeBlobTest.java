package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.itests.programs.BigBlob;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 1 GiB written in place by one JVM and checksummed by another, both with {@code -Xmx256m}: the
 * payload cannot pass through either heap. Prints the times measured (not asserted).
 */
class LargeBlobTest {
  static final long GIB = 1L << 30;

  @Test
  void oneGibBlobCrossesProcessesWithoutHeapCopies() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("1536M")) {
      String written =
          ClientProcess.run(
              "256m", BigBlob.class, "write", rt.socket.toString(), Long.toString(GIB));
      Matcher w =
          Pattern.compile("id=(o[0-9a-f]{16}) checksum=(-?\\d+) millis=(\\d+)").matcher(written);
      assertTrue(w.find(), written);
      String read =
          ClientProcess.run("256m", BigBlob.class, "read", rt.socket.toString(), w.group(1));
      Matcher r =
          Pattern.compile(
                  "size=(\\d+) checksum=(-?\\d+) getMicros=(\\d+) millis=(\\d+) readOnly=true")
              .matcher(read);
      assertTrue(r.find(), read);
      assertEquals(GIB, Long.parseLong(r.group(1)));
      assertEquals(w.group(2), r.group(2), "every byte read back equals what was written");
      System.out.printf(
          "1 GiB blob: create+fill+seal %s ms (-Xmx256m); getObject %s us, checksum of every byte %s ms (-Xmx256m)%n",
          w.group(3), r.group(3), r.group(4));
    }
  }
}
