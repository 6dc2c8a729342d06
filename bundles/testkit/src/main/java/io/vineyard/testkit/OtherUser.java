package io.vineyard.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another Unix user to try things as: an unprivileged system user made for the tests with {@code
 * useradd} (when the tests run as root and it is installed), used through {@code runuser}.
 */
public final class OtherUser {
  public static final String NAME = "vineyard-test-other";
  public static final String SKIPPED =
      "no other Unix user to test with: it needs root and useradd/runuser (skipped)";

  private OtherUser() {}

  /** The other user, made if missing; null when that cannot be done here. */
  public static OtherUser create() {
    try {
      if (!"0".equals(run(List.of("id", "-u")).trim())) {
        return null;
      }
      if (exit(List.of("id", NAME)) != 0
          && exit(
                  List.of(
                      "useradd",
                      "--system",
                      "--no-create-home",
                      "--shell",
                      "/usr/sbin/nologin",
                      NAME))
              != 0) {
        return null;
      }
      return exit(List.of("runuser", "-u", NAME, "--", "true")) == 0 ? new OtherUser() : null;
    } catch (IOException | InterruptedException e) {
      return null;
    }
  }

  /** Whether a command run as the other user succeeds. */
  public boolean canRun(String... command) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("runuser", "-u", NAME, "--"));
    cmd.addAll(List.of(command));
    return exit(cmd) == 0;
  }

  private static int exit(List<String> cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(20, TimeUnit.SECONDS);
    return out;
  }
}
