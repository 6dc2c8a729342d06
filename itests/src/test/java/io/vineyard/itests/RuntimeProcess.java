package io.vineyard.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A vineyardd runtime started from {@code runtime/target/dist} as a separate process, on its own
 * temporary socket, shared-memory, plugins, data and temp ({@code java.io.tmpdir}) folders, and a
 * temporary discovery folder: its own, or one shared with the other runtimes of a test, which then
 * form one cluster. Nothing under the user's defaults (~/.local, /var/lib/vineyard) is touched.
 *
 * <p>{@link #kill()} ends the process with SIGKILL and {@link #stop()} with SIGTERM, both keeping
 * the folders, so {@link #restart()} brings the same instance back: same socket, data and
 * shared-memory folders, same flags. {@link #close()} stops it (SIGKILL after 20 s) and removes its
 * folders (and its discovery folder when it is its own), also when the test failed. The runtime's
 * stderr, across restarts, is in {@link #log}.
 */
public final class RuntimeProcess implements AutoCloseable {
  final Path work;

  /** The runtime's IPC socket. */
  public final Path socket;

  final Path shm;
  final Path plugins;

  /** Its temporary data folder (unless the flags named another). */
  final Path dataDir;

  final Path discoveryDir;
  final Path log;

  /** The current process; another one after {@link #restart()}. */
  volatile Process process;

  /** The current process's ready line ({@code null} before it is ready). */
  volatile String readyLine;

  /** The current process's stdout, past its ready line once ready (e.g. a shell's output). */
  volatile BufferedReader stdout;

  private final List<String> command;
  private CompletableFuture<String> ready;
  private Thread killer;

  private RuntimeProcess(Path work, Path shm, Path discoveryDir, List<String> command) {
    this.work = work;
    this.socket = work.resolve("vineyard.sock");
    this.shm = shm;
    this.plugins = work.resolve("plugins");
    this.dataDir = work.resolve("data");
    this.discoveryDir = discoveryDir;
    this.log = work.resolve("vineyardd.log");
    this.command = command;
  }

  static Path dist() {
    return Path.of(System.getProperty("vineyard.dist", "../runtime/target/dist"))
        .toAbsolutePath()
        .normalize();
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /**
   * Starts a runtime with a memory limit such as {@code "256M"}, alone in a discovery folder of its
   * own (a cluster of one), and waits for its ready line.
   */
  public static RuntimeProcess start(String size, String... extra)
      throws IOException, InterruptedException {
    return launch(size, null, extra).awaitReady();
  }

  /**
   * Starts a runtime that finds the others of {@code discoveryDir} (the caller's temporary folder,
   * which the caller removes) and waits for its ready line.
   */
  static RuntimeProcess start(String size, Path discoveryDir, String... extra)
      throws IOException, InterruptedException {
    return launch(size, discoveryDir, extra).awaitReady();
  }

  /**
   * Starts a runtime without waiting for it: {@link #awaitReady()} waits, or {@link #awaitExit} for
   * one that must fail. {@code discoveryDir} {@code null} gives it a discovery folder of its own. A
   * {@code --data-dir} or {@code --discovery-dir} in {@code extra} replaces the temporary one.
   */
  static RuntimeProcess launch(String size, Path discoveryDir, String... extra) throws IOException {
    return launchUnder(List.of(), size, discoveryDir, extra);
  }

  /**
   * As {@link #launch}, the command run through {@code prefix}, which must exec it (so that the
   * process is the runtime itself): {@code ip netns exec NS} runs it in a network namespace.
   */
  static RuntimeProcess launchUnder(
      List<String> prefix, String size, Path discoveryDir, String... extra) throws IOException {
    Path work = Files.createTempDirectory("vineyard-it");
    Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-it");
    Path discovery = discoveryDir == null ? work.resolve("discovery") : discoveryDir;
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    // its temporary files (the Felix cache) in the work folder too: a runtime killed with SIGKILL
    // cannot remove them itself
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(
        List.of(
            java(),
            "--enable-native-access=ALL-UNNAMED",
            // as runtime/bin/vineyardd: for Arrow Java (plugins/arrow)
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            dist().resolve("lib") + "/*",
            "io.vineyard.runtime.Main",
            "--bundle-dir",
            dist().resolve("bundles").toString(),
            "--socket",
            work.resolve("vineyard.sock").toString(),
            "--size",
            size,
            "--shm-dir",
            shm.resolve("arenas").toString(),
            "--plugins-dir",
            work.resolve("plugins").toString()));
    // its own data folder unless a test says otherwise, and a temporary discovery folder: a cluster
    // of one or of the test's runtimes, whatever else runs on this machine, nothing in the user's
    // home
    if (!List.of(extra).contains("--data-dir")) {
      cmd.addAll(List.of("--data-dir", work.resolve("data").toString()));
    }
    if (!List.of(extra).contains("--discovery-dir")) {
      cmd.addAll(List.of("--discovery-dir", discovery.toString()));
    }
    cmd.addAll(List.of(extra));
    RuntimeProcess rp = new RuntimeProcess(work, shm, discovery, List.copyOf(cmd));
    try {
      rp.spawn();
    } catch (IOException | RuntimeException e) {
      rp.removeFolders();
      throw e;
    }
    return rp;
  }

  private synchronized void spawn() throws IOException {
    readyLine = null;
    Process p = new ProcessBuilder(command).redirectError(Redirect.appendTo(log.toFile())).start();
    Thread k = new Thread(p::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(k);
    process = p;
    killer = k;
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    stdout = out;
    ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith("vineyardd ready")) {
                    return line;
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
  }

  /**
   * Waits up to 90 s for the ready line; closes this runtime and fails with its log when none
   * comes.
   */
  RuntimeProcess awaitReady() throws IOException, InterruptedException {
    String line;
    try {
      line = ready.get(90, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      close();
      throw e;
    } catch (Exception e) {
      line = null;
    }
    if (line == null) {
      String logText = Files.readString(log);
      close();
      throw new IllegalStateException("vineyardd did not become ready; its log:\n" + logText);
    }
    readyLine = line;
    return this;
  }

  /**
   * Waits for the process to exit by itself (a runtime that must fail); its exit status, or -1
   * after the timeout.
   */
  int awaitExit(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  /**
   * Ends the process at once with SIGKILL (a crash: nothing is cleaned up), keeping the folders.
   */
  void kill() throws InterruptedException {
    Process p = process;
    p.destroyForcibly();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "vineyardd pid " + p.pid() + " still runs 20 s after SIGKILL");
    }
    forgetKiller();
  }

  /** Stops the process with SIGTERM (SIGKILL after 20 s), keeping the folders. */
  void stop() throws InterruptedException {
    Process p = process;
    p.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    forgetKiller();
  }

  /** Stops the process with SIGINT (Ctrl-C; SIGKILL after 20 s), keeping the folders. */
  void interrupt() throws InterruptedException, IOException {
    Process p = process;
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    forgetKiller();
  }

  /**
   * Starts the runtime again, after {@link #kill()} or {@link #stop()}, with the same flags and
   * folders (socket, data, shared memory, discovery), and waits for its ready line.
   */
  RuntimeProcess restart() throws IOException, InterruptedException {
    if (process.isAlive()) {
      throw new IllegalStateException(
          "vineyardd pid " + process.pid() + " still runs: kill() or stop() it first");
    }
    Files.writeString(
        log, "---- restart ----\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    spawn();
    return awaitReady();
  }

  private synchronized void forgetKiller() {
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException ignored) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  /**
   * Polls {@code condition} every 200 ms for up to 20 s (FileInstall polls its folder every
   * second); fails with {@code what} and this runtime's log when it does not hold by then.
   */
  void await(String what, BooleanSupplier condition) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            what + " within 20 s; the runtime's log:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  /**
   * Puts a jar into the plugins folder in one step (a rename), so FileInstall never sees half of
   * it.
   */
  Path dropPlugin(Path jar, String name) throws IOException {
    Path staged =
        Files.copy(jar, work.resolve(name + ".part"), StandardCopyOption.REPLACE_EXISTING);
    return Files.move(staged, plugins.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Stops the runtime if it runs and removes its folders. */
  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeFolders();
    }
  }

  private void removeFolders() throws IOException {
    deleteTree(work); // the data folder and a discovery folder of its own are inside
    deleteTree(shm);
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
