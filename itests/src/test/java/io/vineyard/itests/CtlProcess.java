package io.vineyard.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code vineyardctl} as a process from {@code tools/ctl/target/dist}, the class path {@code
 * runtime/bin/vineyardctl} runs it with.
 */
final class CtlProcess {
  private CtlProcess() {}

  /** What one run printed and how it ended. */
  record Result(int status, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "exit " + status + "\nstdout:\n" + out() + "\nstderr:\n" + stderr;
    }
  }

  static Path dist() {
    return Path.of(System.getProperty("vineyard.ctl.dist", "../tools/ctl/target/dist"))
        .toAbsolutePath()
        .normalize();
  }

  /** Runs {@code vineyardctl ARGS} with the environment given added to this process's. */
  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                RuntimeProcess.java(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", // as the script: a short-lived client
                "-cp",
                dist().resolve("lib") + "/*",
                "io.vineyard.ctl.VineyardCtl"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("VINEYARD_IPC_SOCKET");
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("vineyardctl " + args[0] + " did not finish in 120 s");
      }
      return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
