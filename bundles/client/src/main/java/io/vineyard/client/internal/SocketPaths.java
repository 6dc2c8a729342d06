package io.vineyard.client.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the instance's socket is when the caller gives none (vineyardd's defaults). */
public final class SocketPaths {
  private SocketPaths() {}

  /** {@code env} when set and not blank, else the default for the current user. */
  public static Path resolve(String env) {
    if (env != null && !env.isBlank()) {
      return Path.of(env.trim());
    }
    return isRoot()
        ? Path.of("/var/run/vineyard.sock")
        : Path.of(System.getProperty("user.home"), ".local", "vineyard", "vineyard.sock");
  }

  static boolean isRoot() {
    try {
      // /proc/self belongs to the process's effective user
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
