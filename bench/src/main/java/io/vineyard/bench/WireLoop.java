package io.vineyard.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The non-Java client loop of P3w: {@code request_loop.c} (a resource of this package), compiled
 * with the system's C compiler into a temporary folder, run against our socket (exists_request in
 * vineyardd's protocol) and Redis's (EXISTS in RESP), one request at a time.
 */
final class WireLoop implements AutoCloseable {
  private final Path dir;
  private final Path program;

  private WireLoop(Path dir, Path program) {
    this.dir = dir;
    this.program = program;
  }

  /** Compiles the loop, or returns null when there is no C compiler. */
  static WireLoop compileIfPossible() throws IOException, InterruptedException {
    Path cc = Baselines.which("cc");
    if (cc == null) {
      return null;
    }
    Path dir = Folders.temp("vineyard-bench-c");
    Path src = dir.resolve("request_loop.c");
    try (InputStream in = WireLoop.class.getResourceAsStream("request_loop.c")) {
      Files.copy(in, src);
    }
    Path exe = dir.resolve("request_loop");
    Process p =
        new ProcessBuilder(cc.toString(), "-O2", "-o", exe.toString(), src.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      Folders.delete(dir);
      throw new IOException("cc failed on request_loop.c:\n" + out);
    }
    return new WireLoop(dir, exe);
  }

  /**
   * Mean microseconds per request of {@code n} requests; {@code protocol} is {@code vineyard} (arg:
   * the object ID, decimal) or {@code redis} (arg: the key).
   */
  double microsPerRequest(String protocol, Path socket, String arg, long n)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                List.of(program.toString(), protocol, socket.toString(), arg, Long.toString(n)))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("request_loop " + protocol + " failed: " + out + " " + err);
    }
    return Double.parseDouble(out);
  }

  @Override
  public void close() {
    Folders.delete(dir);
  }
}
