package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSetTest {
  @TempDir Path dir;

  private Path sets;
  private Path bundles;

  @BeforeEach
  void distribution() throws IOException {
    sets = Files.createDirectories(dir.resolve("dist/bundle-sets"));
    bundles = Files.createDirectories(dir.resolve("dist/bundles"));
    for (String jar :
        List.of(
            "org.apache.felix.scr-2.2.18.jar",
            "vineyard-api-0.1.0.jar",
            "vineyard-meta-0.1.0.jar",
            "vineyard-meta-raft-0.1.0.jar",
            "vineyard-meta-local-0.1.0.jar",
            "notes.txt")) {
      Files.writeString(bundles.resolve(jar), jar);
    }
    Files.writeString(
        sets.resolve("core"),
        """
                # the base
                org.apache.felix.scr-*.jar
                vineyard-api-*.jar
                vineyard-meta-[0-9]*.jar   # the API, not the services
                """);
    Files.writeString(sets.resolve("cluster"), "include core\nvineyard-meta-raft-*.jar\n");
    Files.writeString(sets.resolve("standalone"), "include core\n\n  vineyard-meta-local-*.jar\n");
  }

  private List<String> names(BundleSet set) {
    return set.jars().stream().map(j -> bundles.relativize(j).toString()).toList();
  }

  private String error(String set) {
    return assertThrows(IllegalArgumentException.class, () -> BundleSet.load(set, sets, bundles))
        .getMessage();
  }

  @Test
  void namedSetsWithIncludesGlobsAndComments() {
    BundleSet cluster = BundleSet.load("cluster", sets, bundles);
    assertEquals("cluster", cluster.name());
    assertEquals(sets.resolve("cluster"), cluster.file());
    assertEquals(
        List.of(
            "org.apache.felix.scr-2.2.18.jar",
            "vineyard-api-0.1.0.jar",
            "vineyard-meta-0.1.0.jar",
            "vineyard-meta-raft-0.1.0.jar"),
        names(cluster));
    assertEquals(
        List.of(
            "org.apache.felix.scr-2.2.18.jar",
            "vineyard-api-0.1.0.jar",
            "vineyard-meta-0.1.0.jar",
            "vineyard-meta-local-0.1.0.jar"),
        names(BundleSet.load("standalone", sets, bundles)));
  }

  @Test
  void aUserSetAddsItsOwnBundles() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("my-plugin-1.0.jar"), "x");
    Files.writeString(mine.resolve("my-other-1.0.jar"), "x");
    Files.writeString(mine.resolve("README"), "x");
    Path file = Files.writeString(mine.resolve("my-set"), "include cluster\n" + mine + "/*\n");
    BundleSet set = BundleSet.load(file.toString(), sets, bundles);
    assertEquals(file.toString(), set.name(), "a file is named by its path");
    assertEquals(
        List.of(
            bundles.resolve("org.apache.felix.scr-2.2.18.jar"),
            bundles.resolve("vineyard-api-0.1.0.jar"),
            bundles.resolve("vineyard-meta-0.1.0.jar"),
            bundles.resolve("vineyard-meta-raft-0.1.0.jar"),
            mine.resolve("my-other-1.0.jar"),
            mine.resolve("my-plugin-1.0.jar")),
        set.jars());
  }

  @Test
  void exactPathsAndRelativeIncludes() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("base"), "include standalone\n");
    Files.writeString(
        mine.resolve("top"),
        "include ./base\nvineyard-api-0.1.0.jar\n" + bundles.resolve("notes.txt") + "\n");
    BundleSet set = BundleSet.load(mine.resolve("top").toString(), sets, bundles);
    assertEquals(
        List.of(
            "org.apache.felix.scr-2.2.18.jar",
            "vineyard-api-0.1.0.jar",
            "vineyard-meta-0.1.0.jar",
            "vineyard-meta-local-0.1.0.jar",
            "notes.txt"),
        names(set),
        "an exact path is taken as it is");
  }

  @Test
  void aJarNamedTwiceIsInstalledOnce() throws IOException {
    Files.writeString(
        sets.resolve("twice"),
        "include cluster\ninclude core\nvineyard-*.jar\n"
            + bundles.resolve("vineyard-api-0.1.0.jar")
            + "\n"
            + bundles
            + "/../bundles/vineyard-api-0.1.0.jar\n");
    assertEquals(
        List.of(
            "org.apache.felix.scr-2.2.18.jar",
            "vineyard-api-0.1.0.jar",
            "vineyard-meta-0.1.0.jar",
            "vineyard-meta-raft-0.1.0.jar",
            "vineyard-meta-local-0.1.0.jar"),
        names(BundleSet.load("twice", sets, bundles)));
  }

  @Test
  void anEntryThatMatchesNothingNamesFileLineAndEntry() throws IOException {
    Files.writeString(
        sets.resolve("broken"), "include core\n# comment\nvineyard-meta-rafts-*.jar\n");
    assertEquals(
        "bundle set "
            + sets.resolve("broken")
            + ", line 3: 'vineyard-meta-rafts-*.jar' matches no jar in "
            + bundles,
        error("broken"));
    Files.writeString(sets.resolve("missing"), "vineyard-api-9.jar\n");
    assertEquals(
        "bundle set "
            + sets.resolve("missing")
            + ", line 1: 'vineyard-api-9.jar': there is no file "
            + bundles.resolve("vineyard-api-9.jar"),
        error("missing"));
    Files.writeString(sets.resolve("notjar"), "notes*\n");
    assertTrue(
        error("notjar").endsWith("'notes*' matches no jar in " + bundles),
        "a glob takes jars only");
  }

  @Test
  void unknownSetsAndIncludes() throws IOException {
    assertEquals(
        "--bundle-set: no bundle set 'clutser' in "
            + sets
            + " (there: cluster, core, standalone);"
            + " a set file is named by a path with a /",
        error("clutser"));
    assertEquals(
        "--bundle-set: no bundle-set file " + dir.resolve("nope"),
        error(dir.resolve("nope").toString()));
    Files.writeString(sets.resolve("bad-include"), "\ninclude nothing\n");
    assertTrue(
        error("bad-include")
            .startsWith(
                "bundle set " + sets.resolve("bad-include") + ", line 2: no bundle set 'nothing'"),
        error("bad-include"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> BundleSet.load("cluster", null, bundles))
            .getMessage()
            .contains("name a set file by its path (e.g. ./cluster)"));
  }

  @Test
  void includeCyclesAreNamed() throws IOException {
    Files.writeString(sets.resolve("a"), "include b\n");
    Files.writeString(sets.resolve("b"), "include core\ninclude a\n");
    assertEquals(
        "bundle set includes itself: "
            + sets.resolve("a")
            + " -> "
            + sets.resolve("b")
            + " -> "
            + sets.resolve("a"),
        error("a"));
  }

  @Test
  void wildcardsOnlyInTheFileName() throws IOException {
    Files.writeString(sets.resolve("deep"), "/opt/*/bundles/x.jar\n");
    assertEquals(
        "bundle set "
            + sets.resolve("deep")
            + ", line 1: '/opt/*/bundles/x.jar': only the file name may hold wildcards",
        error("deep"));
  }
}
