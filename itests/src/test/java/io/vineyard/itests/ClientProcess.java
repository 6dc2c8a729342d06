package io.vineyard.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a client program's {@code main} in a JVM of its own, with this module's class path. */
final class ClientProcess {
  private ClientProcess() {}

  /** The program's output, once it exited 0 within the time given. */
  static String run(String maxHeap, Class<?> program, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(RuntimeProcess.java(), "-Xmx" + maxHeap, "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), program.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        throw new IllegalStateException(program.getSimpleName() + " did not finish in 300 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(program.getSimpleName() + " exited " + p.exitValue() + ":\n" + out);
      }
      return out;
    } finally {
      p.destroyForcibly();
    }
  }
}
