package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A project whose only dependency is vineyard-client (itests/client-only) puts and gets bytes, run
 * on exactly the class path Maven resolved for it: the blob plugin comes with the client.
 */
class ClientOnlyTest {
  @Test
  void theClientAloneStoresBytes() throws Exception {
    Path project =
        Path.of(System.getProperty("vineyard.client.only", "client-only/target")).toAbsolutePath();
    String resolved = Files.readString(project.resolve("runtime-classpath.txt")).strip();
    List<String> jars = List.of(resolved.split(File.pathSeparator));
    assertTrue(
        jars.stream().anyMatch(j -> j.contains("vineyard-plugin-blob")),
        "the client brings the blob plugin: " + resolved);
    assertTrue(
        jars.stream().noneMatch(j -> j.contains("vineyard-plugin-array")),
        "and no other plugin: " + resolved);
    Path jar;
    try (var files = Files.list(project)) {
      jar =
          files
              .filter(
                  p -> p.getFileName().toString().matches("vineyard-example-client-only-.*\\.jar"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no jar in " + project));
    }
    try (RuntimeProcess rt = RuntimeProcess.start("64M")) {
      Process p =
          new ProcessBuilder(
                  RuntimeProcess.java(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  jar + File.pathSeparator + resolved,
                  "org.example.clientonly.BytesRoundTrip",
                  rt.socket.toString())
              .redirectErrorStream(true)
              .start();
      try {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the program did not finish in 120 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("from a byte[] / from a ByteBuffer", out.strip());
      } finally {
        p.destroyForcibly();
      }
    }
  }
}
