package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.itests.programs.SeedExample;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The seed's first example against a runtime process, from two other JVMs. */
class SeedExampleTest {
  @Test
  void helloWorldPutInOneProcessIsReadZeroCopyInAnother() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("256M")) {
      assertTrue(rt.readyLine.contains(rt.socket.toString()), rt.readyLine);
      String out = ClientProcess.run("64m", SeedExample.class, "put", rt.socket.toString());
      Matcher m =
          Pattern.compile("vineyard::Blob 13 Object <\"(o[89a-f][0-9a-f]{15})\": vineyard::Blob>")
              .matcher(out);
      assertTrue(m.find(), out);
      String id = m.group(1);
      assertTrue(out.contains("id=" + id), out);

      String read = ClientProcess.run("64m", SeedExample.class, "get", rt.socket.toString(), id);
      assertEquals("direct=true readOnly=true bytes=Hello, World!", read.strip());
    }
  }
}
