package io.vineyard.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The jars a runtime installs at start, read from a bundle-set file ({@code --bundle-set}).
 *
 * <p>A set file has one entry per line: a jar file name glob relative to the bundle folder ({@code
 * vineyard-meta-raft-*.jar}), an absolute path or glob ({@code /opt/mine/*.jar}), or {@code include
 * NAME} to add every jar of another set. {@code #} starts a comment (at the start of a line, or
 * after a blank). Only the file name of an entry may hold wildcards; a glob takes the {@code .jar}
 * files it matches, in name order. A set is named ({@code cluster}: a file in the bundle-sets
 * folder) or, when it contains a {@code /}, a path (an include's relative path is relative to the
 * including file). An entry that matches nothing, an unknown set and an include cycle are errors
 * naming the file and line; a jar named twice is installed once, where it first appears.
 *
 * @param name the set as the user named it: a name, or the set file's absolute path
 * @param file the set file read first
 * @param jars the jars to install, in order, each once
 */
public record BundleSet(String name, Path file, List<Path> jars) {
  /** The set started when {@code --bundle-set} is not given. */
  public static final String DEFAULT = "cluster";

  private static final String INCLUDE = "include ";

  /**
   * Reads a set and finds its jars.
   *
   * @param nameOrFile a set name (no {@code /}) or a set file's path
   * @param setsDir the folder of the named sets, or null when there is none
   * @param bundleDir the folder relative entries are found in
   * @return the set
   * @throws IllegalArgumentException naming the set file, line and entry that is wrong
   */
  public static BundleSet load(String nameOrFile, Path setsDir, Path bundleDir) {
    Path file = locate(nameOrFile, setsDir, Path.of(""), "--bundle-set");
    Set<Path> jars = new LinkedHashSet<>();
    read(file, setsDir, bundleDir.toAbsolutePath().normalize(), new ArrayDeque<>(), jars);
    return new BundleSet(
        nameOrFile.contains("/") ? file.toString() : nameOrFile, file, List.copyOf(jars));
  }

  private static Path locate(String nameOrFile, Path setsDir, Path relativeTo, String where) {
    if (nameOrFile.contains("/")) {
      Path file = relativeTo.resolve(nameOrFile).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(where + ": no bundle-set file " + file);
      }
      return file;
    }
    if (setsDir == null) {
      throw new IllegalArgumentException(
          where
              + ": no bundle-sets folder beside the launcher to find '"
              + nameOrFile
              + "' in; name a set file by its path (e.g. ./"
              + nameOrFile
              + ")");
    }
    Path file = setsDir.resolve(nameOrFile).toAbsolutePath().normalize();
    if (nameOrFile.isBlank() || !Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          where
              + ": no bundle set '"
              + nameOrFile
              + "' in "
              + setsDir
              + " (there: "
              + String.join(", ", names(setsDir))
              + "); a set file is named by a path with a /");
    }
    return file;
  }

  private static void read(
      Path file, Path setsDir, Path bundleDir, Deque<Path> reading, Set<Path> jars) {
    if (reading.contains(file)) {
      List<String> cycle =
          new ArrayList<>(reading.reversed().stream().map(Path::toString).toList());
      cycle.add(file.toString());
      throw new IllegalArgumentException(
          "bundle set includes itself: " + String.join(" -> ", cycle));
    }
    reading.push(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read bundle set " + file + ": " + e, e);
    }
    for (int i = 0; i < lines.size(); i++) {
      String entry = stripComment(lines.get(i));
      if (entry.isEmpty()) {
        continue;
      }
      String where = "bundle set " + file + ", line " + (i + 1);
      if (entry.startsWith(INCLUDE)) {
        read(
            locate(entry.substring(INCLUDE.length()).strip(), setsDir, file.getParent(), where),
            setsDir,
            bundleDir,
            reading,
            jars);
      } else {
        jars.addAll(match(entry, bundleDir, where));
      }
    }
    reading.pop();
  }

  private static String stripComment(String line) {
    String s = line.strip();
    if (s.startsWith("#")) {
      return "";
    }
    int hash = s.indexOf(" #");
    int tab = s.indexOf("\t#");
    int cut = hash < 0 ? tab : tab < 0 ? hash : Math.min(hash, tab);
    return (cut < 0 ? s : s.substring(0, cut)).strip();
  }

  /** The jars one entry stands for, in name order; at least one. */
  static List<Path> match(String entry, Path bundleDir, String where) {
    Path full = bundleDir.resolve(entry).normalize();
    Path dir = full.getParent();
    String pattern = full.getFileName() == null ? "" : full.getFileName().toString();
    if (dir == null || isGlob(dir.toString())) {
      throw new IllegalArgumentException(
          where + ": '" + entry + "': only the file name may hold wildcards");
    }
    if (!isGlob(pattern)) {
      if (!Files.isRegularFile(full)) {
        throw new IllegalArgumentException(where + ": '" + entry + "': there is no file " + full);
      }
      return List.of(full);
    }
    PathMatcher matcher = dir.getFileSystem().getPathMatcher("glob:" + pattern);
    List<Path> found;
    try (Stream<Path> files = Files.list(dir)) {
      found =
          files
              .filter(
                  f ->
                      matcher.matches(f.getFileName())
                          && f.toString().endsWith(".jar")
                          && Files.isRegularFile(f))
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      found = List.of();
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(where + ": '" + entry + "' matches no jar in " + dir);
    }
    return found;
  }

  private static boolean isGlob(String text) {
    return text.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** The set names in a sets folder, sorted. */
  static List<String> names(Path setsDir) {
    try (Stream<Path> files = Files.list(setsDir)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }
}
