package io.vineyard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime process started with the launcher users run ({@code runtime/bin/vineyardd}), on its own
 * temporary socket, data, plugins and shared-memory folders, and a discovery folder that is its own
 * or shared with the other runtimes of one cluster. {@link #close()} stops it with SIGTERM (SIGKILL
 * after 20 s) and removes its folders; a shutdown hook kills it if the bench dies first.
 */
final class LaunchedRuntime implements AutoCloseable {
  private static final Pattern READY_MS = Pattern.compile("\\((\\d+) ms\\)");

  final Path work;
  final Path socket;
  final Path shm;
  final Path plugins;
  final Path log;
  final Process process;

  /** Wall-clock time from spawning the launcher to its ready line, ms. */
  final double startToReadyMs;

  /** The JVM's own uptime the ready line reports, ms. */
  final double readyLineMs;

  private final Thread killer;

  private LaunchedRuntime(
      Path work, Path shm, Process process, Thread killer, double wallMs, double lineMs) {
    this.work = work;
    this.socket = work.resolve("vineyard.sock");
    this.shm = shm;
    this.plugins = work.resolve("plugins");
    this.log = work.resolve("vineyardd.log");
    this.process = process;
    this.killer = killer;
    this.startToReadyMs = wallMs;
    this.readyLineMs = lineMs;
  }

  /**
   * Starts a runtime with {@code size} of shared memory ({@code "4G"}) and waits up to 120 s for
   * its ready line. {@code discovery} null gives it a discovery folder of its own (a cluster of
   * one); the runtimes given one folder and one {@code cluster} name form one cluster.
   */
  static LaunchedRuntime start(String size, Path discovery, String cluster, String... extra)
      throws IOException, InterruptedException {
    Path work = Folders.temp("vineyard-bench-rt");
    Path shm = Folders.shm("vineyard-bench-rt");
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Folders.repo().resolve("runtime/bin/vineyardd").toString());
    cmd.addAll(
        List.of(
            "--socket",
            work.resolve("vineyard.sock").toString(),
            "--size",
            size,
            "--shm-dir",
            shm.resolve("arenas").toString(),
            "--plugins-dir",
            work.resolve("plugins").toString(),
            "--data-dir",
            work.resolve("data").toString(),
            "--discovery-dir",
            (discovery == null ? work.resolve("discovery") : discovery).toString(),
            "--cluster",
            cluster,
            "--no-keep",
            "--log-level",
            "warning"));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectError(Redirect.appendTo(work.resolve("vineyardd.log").toFile()));
    // the Felix cache and other temporary files go into the work folder, removed with it
    String opts = "-Djava.io.tmpdir=" + tmp;
    String jfr = System.getProperty("vineyard.bench.jfr");
    if (jfr != null) {
      // a profile of each runtime, written when it stops (bench/run --jfr DIR)
      Files.createDirectories(Path.of(jfr));
      opts +=
          " -XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + Path.of(jfr).toAbsolutePath().resolve(cluster + "-" + work.getFileName() + ".jfr");
    }
    pb.environment().put("VINEYARD_JAVA_OPTS", opts);
    long t0 = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      Folders.delete(work);
      Folders.delete(shm);
      throw e;
    }
    Thread killer = new Thread(p::destroyForcibly);
    Runtime.getRuntime().addShutdownHook(killer);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line; (line = out.readLine()) != null; ) {
                  if (line.startsWith("vineyardd ready")) {
                    return line;
                  }
                }
              } catch (IOException e) {
                // the process ended: no ready line
              }
              return null;
            });
    String line = null;
    try {
      line = ready.get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // reported below with the log
    }
    double wallMs = (System.nanoTime() - t0) / 1e6;
    LaunchedRuntime rt = new LaunchedRuntime(work, shm, p, killer, wallMs, readyMs(line));
    if (line == null) {
      String text = Files.exists(rt.log) ? Files.readString(rt.log) : "";
      rt.close();
      throw new IllegalStateException("vineyardd did not become ready; its log:\n" + text);
    }
    return rt;
  }

  private static double readyMs(String line) {
    if (line == null) {
      return Double.NaN;
    }
    Matcher m = READY_MS.matcher(line);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  long pid() {
    return process.pid();
  }

  /** Resident memory of the runtime process, MiB ({@code VmRSS} of /proc/PID/status). */
  double rssMiB() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IOException("no VmRSS for pid " + pid());
  }

  @Override
  public void close() {
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
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      Folders.delete(work);
      Folders.delete(shm);
    }
  }
}
