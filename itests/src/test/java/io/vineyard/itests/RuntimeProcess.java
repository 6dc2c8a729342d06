package io.vineyard.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A vineyardd runtime started from {@code runtime/target/dist} as a separate process, on its own
 * temporary socket, shared-memory folder, plugins folder, data folder and discovery folder.
 * {@link #close()} stops it with SIGTERM (SIGKILL after 20 s) and removes its folders, also when
 * the test failed.
 */
final class RuntimeProcess implements AutoCloseable {
  final Path work;
  final Path socket;
  final Path shm;
  final Path plugins;
  final Path log;
  final Process process;
  final String readyLine;
  private final Thread killer;

  private RuntimeProcess(Path work, Path shm, Process process, String readyLine, Thread killer) {
    this.work = work;
    this.socket = work.resolve("vineyard.sock");
    this.shm = shm;
    this.plugins = work.resolve("plugins");
    this.log = work.resolve("vineyardd.log");
    this.process = process;
    this.readyLine = readyLine;
    this.killer = killer;
  }

  static Path dist() {
    return Path.of(System.getProperty("vineyard.dist", "../runtime/target/dist")).toAbsolutePath().normalize();
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Starts a runtime with a memory limit such as {@code "256M"} and waits for its ready line. */
  static RuntimeProcess start(String size, String... extra) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("vineyard-it");
    Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-it");
    List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED",
        "-cp", dist().resolve("lib") + "/*", "io.vineyard.runtime.Main",
        "--bundle-dir", dist().resolve("bundles").toString(),
        "--socket", work.resolve("vineyard.sock").toString(),
        "--size", size,
        "--shm-dir", shm.resolve("arenas").toString(),
        "--plugins-dir", work.resolve("plugins").toString()));
    // its own data and discovery folders unless a test says otherwise: a cluster of one, whatever
    // else runs on this machine, and nothing left in the user's home
    if (!List.of(extra).contains("--data-dir")) {
      cmd.addAll(List.of("--data-dir", work.resolve("data").toString()));
    }
    if (!List.of(extra).contains("--discovery-dir")) {
      cmd.addAll(List.of("--discovery-dir", work.resolve("discovery").toString()));
    }
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectError(work.resolve("vineyardd.log").toFile()).start();
    Thread killer = new Thread(p::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killer);
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
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
    String line;
    try {
      line = ready.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      line = null;
    }
    RuntimeProcess rp = new RuntimeProcess(work, shm, p, line, killer);
    if (line == null) {
      String logText = Files.readString(rp.log);
      rp.close();
      throw new IllegalStateException("vineyardd did not become ready; its log:\n" + logText);
    }
    return rp;
  }

  /**
   * Polls {@code condition} every 200 ms for up to 20 s (FileInstall polls its folder every
   * second); fails with {@code what} and this runtime's log when it does not hold by then.
   */
  void await(String what, BooleanSupplier condition) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(what + " within 20 s; the runtime's log:\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
  }

  /** Puts a jar into the plugins folder in one step (a rename), so FileInstall never sees half of it. */
  Path dropPlugin(Path jar, String name) throws IOException {
    Path staged = Files.copy(jar, work.resolve(name + ".part"), StandardCopyOption.REPLACE_EXISTING);
    return Files.move(staged, plugins.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws IOException {
    try {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down: the hook runs anyway
      }
      deleteTree(work);
      deleteTree(shm);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
