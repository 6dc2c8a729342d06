package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runtimes started one after another on new sockets leave no framework cache behind once stopped:
 * each start adds only its own small data folder (a new socket's default is a new one; named here,
 * as every folder of a test is, so that nothing touches the user's defaults), and nothing lands in
 * the temporary folder.
 */
class NoLeftoversTest {
  /** A stopped runtime's data folder: its instance ID and metadata log, no framework cache. */
  private static final long DATA_FOLDER_MAX = 8L << 20;

  @Test
  void startsOnNewSocketsLeaveOnlyTheirDataFolders() throws Exception {
    Path home = Files.createTempDirectory("vineyard-home");
    Path shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-it");
    Path log = home.resolve("vineyardd.log");
    try {
      Path tmp = Files.createDirectories(home.resolve("tmp"));
      Path data = home.resolve("data");
      for (int run = 1; run <= 2; run++) {
        ProcessBuilder p =
            new ProcessBuilder(
                    RuntimeProcess.java(),
                    "--enable-native-access=ALL-UNNAMED",
                    "-Djava.io.tmpdir=" + tmp,
                    "-cp",
                    RuntimeProcess.dist().resolve("lib") + "/*",
                    "io.vineyard.runtime.Main",
                    "--bundle-dir",
                    RuntimeProcess.dist().resolve("bundles").toString(),
                    "--socket",
                    home.resolve("run" + run + ".sock").toString(),
                    "--size",
                    "64M",
                    "--shm-dir",
                    shm.resolve("run" + run).toString(),
                    "--no-keep",
                    "--data-dir",
                    data.resolve("run" + run).toString(),
                    "--discovery-dir",
                    home.resolve("discovery").toString(),
                    "--plugins-dir",
                    home.resolve("plugins").toString())
                .redirectError(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.PIPE);
        p.environment().remove("VINEYARD_IPC_SOCKET");
        Process runtime = p.start();
        try {
          assertTrue(ready(runtime), "no ready line; the log:\n" + Files.readString(log));
          List<Path> caches = frameworkCaches(data);
          assertEquals(1, caches.size(), "one framework cache while it runs: " + caches);
          runtime.destroy(); // SIGTERM: a clean stop
          assertTrue(runtime.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM");
          assertEquals(0, runtime.exitValue(), Files.readString(log));
        } finally {
          runtime.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), frameworkCaches(data), "caches left after run " + run);
        try (Stream<Path> folders = Files.list(data)) {
          List<Path> all = folders.toList();
          assertEquals(run, all.size(), "one data folder per socket: " + all);
          for (Path folder : all) {
            long size = size(folder);
            assertTrue(size < DATA_FOLDER_MAX, folder + " holds " + size + " bytes");
          }
        }
        try (Stream<Path> left = Files.list(tmp)) {
          assertEquals(List.of(), left.toList(), "files left in java.io.tmpdir");
        }
      }
    } finally {
      RuntimeProcess.deleteTree(home);
      RuntimeProcess.deleteTree(shm);
    }
  }

  private static boolean ready(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> line =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String l;
                while ((l = out.readLine()) != null) {
                  if (l.startsWith("vineyardd ready")) {
                    return true;
                  }
                }
                return false;
              } catch (IOException e) {
                return false;
              }
            });
    try {
      return line.get(90, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    }
  }

  /** The framework's per-process storage folders ({@code <data folder>/felix/<pid>}). */
  private static List<Path> frameworkCaches(Path data) throws IOException {
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    try (Stream<Path> all = Files.find(data, 3, (p, a) -> a.isDirectory())) {
      return all.filter(
              p ->
                  p.getParent() != null
                      && p.getParent().getFileName().toString().equals("felix")
                      && p.getFileName().toString().matches("\\d+"))
          .toList();
    }
  }

  /** The bytes of the files under a folder (their lengths; the framework cache alone is ~27 MB). */
  private static long size(Path folder) throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      long total = 0;
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }
}
