package io.vineyard.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client program in a JVM of its own, with this module's class path, driven one line at a time:
 * {@link #ask} writes a command to its stdin and returns the line it answers. {@link #close()} ends
 * it (its stdin first, then the process it is, by handle) and is safe after a failure.
 */
final class InteractiveClient implements AutoCloseable {
  private final Process process;
  private final PrintStream in;
  private final BufferedReader out;
  private final String name;

  private InteractiveClient(Process process, String name) {
    this.process = process;
    this.name = name;
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Starts the program and waits for its first line ({@code ready}). */
  static InteractiveClient start(String maxHeap, Class<?> program, String... args)
      throws IOException {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                RuntimeProcess.java(),
                "-Xmx" + maxHeap,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                program.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    InteractiveClient c = new InteractiveClient(p, program.getSimpleName());
    String first = c.out.readLine();
    if (!"ready".equals(first)) {
      c.close();
      throw new IllegalStateException(c.name + " did not start: " + first);
    }
    return c;
  }

  /** Sends one command and returns the answer; an {@code error …} answer fails. */
  String ask(String command) throws IOException {
    String answer = askRaw(command);
    if (answer.startsWith("error ")) {
      throw new IllegalStateException(name + ": " + command + " -> " + answer);
    }
    return answer;
  }

  /** Sends one command and returns the answer as it is. */
  String askRaw(String command) throws IOException {
    in.println(command);
    String answer = out.readLine();
    if (answer == null) {
      throw new IllegalStateException(name + " exited while answering " + command);
    }
    return answer;
  }

  @Override
  public void close() {
    try {
      in.println("exit");
      in.close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
