package io.vineyard.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a client program's {@code main} in a JVM of its own, with this module's class path. */
final class ClientProcess {
  private ClientProcess() {}

  /** The program's output, once it exited 0 within the time given. */
  static String run(String maxHeap, Class<?> program, String... args)
      throws IOException, InterruptedException {
    return run(maxHeap, List.of(), program.getName(), args);
  }

  /**
   * Runs a program by class name with extra class path entries before this module's, e.g. a plugin
   * jar the test JVM itself does not have (so the test JVM never loads the program class).
   */
  static String run(String maxHeap, List<Path> extraClassPath, String program, String... args)
      throws IOException, InterruptedException {
    StringBuilder cp = new StringBuilder();
    for (Path p : extraClassPath) {
      cp.append(p.toAbsolutePath()).append(File.pathSeparatorChar);
    }
    cp.append(System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                RuntimeProcess.java(),
                "-Xmx" + maxHeap,
                "--enable-native-access=ALL-UNNAMED",
                // Arrow (the Arrow plugin's programs) reads direct buffers through java.nio
                // internals
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                cp.toString(),
                program));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        throw new IllegalStateException(program + " did not finish in 300 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(program + " exited " + p.exitValue() + ":\n" + out);
      }
      return out;
    } finally {
      p.destroyForcibly();
    }
  }
}
