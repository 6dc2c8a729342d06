package io.vineyard.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Runtimes started as separate processes that share one temporary discovery folder, and so form one
 * cluster (the embedded mode: loopback, no {@code --peers}). They are launched together; the first
 * to take the folder's lock founds the cluster, the others join it. {@link #close()} stops every
 * one and removes every folder, the discovery folder included, also after a failure.
 */
final class RuntimeCluster implements AutoCloseable {
  final Path discoveryDir;
  private final List<RuntimeProcess> runtimes = new ArrayList<>();

  private RuntimeCluster(Path discoveryDir) {
    this.discoveryDir = discoveryDir;
  }

  /** Starts {@code n} runtimes with the same flags and waits until every one is ready. */
  static RuntimeCluster start(int n, String size, String... flags)
      throws IOException, InterruptedException {
    return start(n, size, i -> flags);
  }

  /**
   * Starts {@code n} runtimes, runtime {@code i} with {@code flags.apply(i)}, and waits until every
   * one is ready.
   */
  static RuntimeCluster start(int n, String size, IntFunction<String[]> flags)
      throws IOException, InterruptedException {
    RuntimeCluster c = new RuntimeCluster(Files.createTempDirectory("vineyard-it-discovery"));
    try {
      for (int i = 0; i < n; i++) {
        c.runtimes.add(RuntimeProcess.launch(size, c.discoveryDir, flags.apply(i)));
      }
      for (RuntimeProcess rt : c.runtimes) {
        rt.awaitReady();
      }
      return c;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      c.close();
      throw e;
    }
  }

  /** Runtime {@code i}, in the order started. */
  RuntimeProcess get(int i) {
    return runtimes.get(i);
  }

  List<RuntimeProcess> all() {
    return List.copyOf(runtimes);
  }

  @Override
  public void close() throws IOException {
    IOException failed = null;
    for (RuntimeProcess rt : runtimes) {
      try {
        rt.close();
      } catch (IOException e) {
        failed = e;
      }
    }
    RuntimeProcess.deleteTree(discoveryDir);
    if (failed != null) {
      throw failed;
    }
  }
}
