package io.vineyard.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the bundles a runtime installs at start come from: a bundle set, found in the
 * distribution's folders, plus the Gogo shell when asked for.
 *
 * @param bundleDir the folder a set's relative entries are found in ({@code dist/bundles})
 * @param setsDir the folder of the named sets ({@code dist/bundle-sets}), or null outside a
 *     distribution
 * @param set the set's name or file ({@code --bundle-set})
 * @param shellDir the folder of the shell's jars, every one installed after the set's; null: no
 *     shell
 */
public record BundleChoice(Path bundleDir, Path setsDir, String set, Path shellDir) {
  /**
   * Reads the set and finds its jars, the shell's after them.
   *
   * @return the set; its jars include the shell's
   * @throws IllegalArgumentException naming what is wrong with the set
   * @throws IOException if the shell folder cannot be listed
   */
  public BundleSet load() throws IOException {
    BundleSet chosen = BundleSet.load(set, setsDir, bundleDir);
    if (shellDir == null) {
      return chosen;
    }
    List<Path> jars = new ArrayList<>(chosen.jars());
    try (Stream<Path> files = Files.list(shellDir)) {
      files
          .filter(f -> f.toString().endsWith(".jar"))
          .sorted()
          .filter(f -> !jars.contains(f))
          .forEach(jars::add);
    }
    return new BundleSet(chosen.name(), chosen.file(), List.copyOf(jars));
  }
}
