package io.vineyard.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the baselines' programs on the {@code PATH}, and says which package brings a missing one.
 */
final class Baselines {
  private Baselines() {}

  /** The program's path, or null when it is not installed. */
  static Path which(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** The text a missing baseline is reported with. */
  static String missing(String program, String debianPackage) {
    return "MISSING: no " + program + " (apt-get install " + debianPackage + ")";
  }
}
