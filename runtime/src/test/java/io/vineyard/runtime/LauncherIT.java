package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.runtime.fake.FakeServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the packaged launcher ({@code target/dist}) as a process, the way the script does. */
class LauncherIT {
  private static final Path DIST =
      Path.of(System.getProperty("vineyard.dist", "target/dist")).toAbsolutePath();
  private static final Path SHM = Path.of("/dev/shm/vineyard-it-" + ProcessHandle.current().pid());

  @TempDir Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
    FelixRuntime.deleteTree(SHM); // the store removes it on a clean stop; this is for the others
  }

  private Process launch(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                DIST.resolve("lib") + "/*",
                Main.class.getName(),
                "--plugins-dir",
                dir.resolve("plugins").toString(),
                "--shm-dir",
                SHM.toString(),
                // never the user's cluster: a discovery folder and cluster name of this test's own
                "--discovery-dir",
                dir.resolve("discovery").toString(),
                "--cluster",
                "it-" + ProcessHandle.current().pid(),
                "--data-dir",
                dir.resolve("data").toString()));
    command.addAll(List.of(args)); // later flags win
    // stderr to a file: a full pipe would block the process
    Process p =
        new ProcessBuilder(command)
            .redirectInput(Path.of("/dev/null").toFile())
            .redirectError(stderr(started.size()).toFile())
            .start();
    started.add(p);
    return p;
  }

  private Path stderr(int n) {
    return dir.resolve("stderr-" + n + ".txt");
  }

  private String stderrOf(Process p) throws IOException {
    return Files.readString(stderr(started.indexOf(p)));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void refusesASocketAlreadyServed() throws Exception {
    Path socket = dir.resolve("taken.sock");
    try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      other.bind(UnixDomainSocketAddress.of(socket));
      Process p =
          launch("--socket", socket.toString(), "--bundle-dir", DIST.resolve("bundles").toString());
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1, p.exitValue());
      assertEquals(
          "vineyardd: another process is already serving "
              + socket
              + " (stop it, or pick another path with --socket)\n",
          stderrOf(p));
    }
  }

  /** Writes a bundle with these headers and the given classes of the test class path. */
  private static void writeBundle(Path jarFile, Map<String, String> headers, Class<?>... classes)
      throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
    headers.forEach(manifest.getMainAttributes()::putValue);
    try (OutputStream out = Files.newOutputStream(jarFile);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      for (Class<?> c : classes) {
        String name = c.getName().replace('.', '/') + ".class";
        jar.putNextEntry(new JarEntry(name));
        try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
    }
  }

  /**
   * The runtime's own bundles from dist: the framework services and the config bridge, no Vineyard
   * service.
   */
  private Path infrastructureBundles() throws IOException {
    Path bundles = Files.createDirectories(dir.resolve("bundles"));
    try (Stream<Path> jars = Files.list(DIST.resolve("bundles"))) {
      for (Path jar : jars.toList()) {
        String name = jar.getFileName().toString();
        if (!name.startsWith("vineyard-") || name.startsWith("vineyard-runtime-")) {
          Files.copy(jar, bundles.resolve(name));
        }
      }
    }
    return bundles;
  }

  /** A bundle set of every jar in {@code bundles}. */
  private Path everyJarOf(Path bundles) throws IOException {
    return Files.writeString(dir.resolve("every-jar"), "# a user's set\n" + bundles + "/*.jar\n");
  }

  @Test
  void namesABundleThatDoesNotResolve() throws Exception {
    Path bundles = Files.createDirectories(dir.resolve("bundles"));
    writeBundle(
        bundles.resolve("broken.jar"),
        Map.of("Bundle-SymbolicName", "broken.bundle", "Import-Package", "no.such.pkg"));
    Process p =
        launch(
            "--socket",
            dir.resolve("b.sock").toString(),
            "--bundle-dir",
            bundles.toString(),
            "--bundle-set",
            everyJarOf(bundles).toString());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String err = stderrOf(p);
    assertEquals(1, p.exitValue(), err);
    assertTrue(
        err.contains("broken.bundle")
            && err.contains("no.such.pkg")
            && err.contains("did not start"),
        err);
    assertTrue(err.contains("vineyardd stopped"), err);
    assertEquals("", text(p.getInputStream().readAllBytes()));
  }

  @Test
  void configuresServesAndStopsCleanly() throws Exception {
    Path bundles = infrastructureBundles();
    writeBundle(
        bundles.resolve("fake-server.jar"),
        Map.of(
            "Bundle-SymbolicName",
            "fake.server",
            "Bundle-Activator",
            FakeServer.class.getName(),
            "Import-Package",
            "org.osgi.framework, org.osgi.service.cm"),
        FakeServer.class);
    Path socket = dir.resolve("v.sock");
    Path set = everyJarOf(bundles);
    Process p =
        launch(
            "--socket",
            socket.toString(),
            "--size",
            "64M",
            "--log-level",
            "DEBUG",
            "--bundle-dir",
            bundles.toString(),
            "--bundle-set",
            set.toString());
    String ready = p.inputReader().readLine();
    assertTrue(
        ready != null
            && ready.matches(
                "vineyardd ready: socket="
                    + Pattern.quote(socket.toString())
                    + " size=64MiB set="
                    + Pattern.quote(set.toString())
                    + " bundles=\\d+ \\(\\d+ ms\\)"),
        ready + "\n" + stderrOf(p));
    assertTrue(SocketProbe.isServed(socket));
    assertTrue(Files.isDirectory(dir.resolve("plugins")), "the plugins folder is created");
    // Config Admin and the bridge start first: the configuration is there from the first update
    assertEquals(
        List.of("fake server updated: socket=" + socket),
        stderrOf(p).lines().filter(l -> l.startsWith("fake server updated")).toList(),
        stderrOf(p));

    p.toHandle().destroy(); // SIGTERM, leaving the streams open (Process.destroy closes them)
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String err = stderrOf(p);
    assertEquals(0, p.exitValue(), "a clean stop by SIGTERM exits 0\n" + err);
    // what is logged while the framework stops still shows: JUL's reset waits for it
    assertTrue(
        err.contains("fake server stopped") && err.contains("FelixRuntime: framework stopped in"),
        err);
    assertTrue(err.endsWith("vineyardd stopped\n"), err);
    assertFalse(Files.exists(socket));
    assertEquals("", text(p.getInputStream().readAllBytes()));
  }

  /** The jars of a set of the distribution, by file name. */
  private static List<String> jarsOf(String set) {
    return BundleSet.load(set, DIST.resolve("bundle-sets"), DIST.resolve("bundles")).jars().stream()
        .map(j -> j.getFileName().toString())
        .toList();
  }

  /** Waits until the DEBUG log lists the state of {@code n} bundles, or the process ends. */
  private List<String> bundleStates(Process p, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stderrOf(p).lines().filter(l -> l.contains("FelixRuntime: bundle ")).count() < n
        && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return stderrOf(p).lines().filter(l -> l.contains("FelixRuntime: bundle ")).toList();
  }

  @Test
  void everyJarOfTheDistributionIsInASet() throws IOException {
    List<String> jars;
    try (Stream<Path> files = Files.list(DIST.resolve("bundles"))) {
      jars =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".jar"))
              .sorted()
              .toList();
    }
    List<String> cluster = jarsOf("cluster");
    List<String> standalone = jarsOf("standalone");
    List<String> both = new ArrayList<>(cluster);
    standalone.stream().filter(j -> !both.contains(j)).forEach(both::add);
    // the metrics set: added to either by --metrics-port
    jarsOf("metrics").stream().filter(j -> !both.contains(j)).forEach(both::add);
    assertEquals(
        jars,
        both.stream().sorted().toList(),
        "a jar shipped in dist/bundles that no set installs, or the reverse");
    assertTrue(
        cluster.stream().anyMatch(j -> j.startsWith("vineyard-meta-raft-")), cluster.toString());
    assertTrue(
        cluster.stream().noneMatch(j -> j.startsWith("vineyard-meta-local-")), cluster.toString());
    assertTrue(
        standalone.stream().anyMatch(j -> j.startsWith("vineyard-meta-local-")),
        standalone.toString());
    assertTrue(
        standalone.stream().noneMatch(j -> j.startsWith("vineyard-meta-raft-")),
        standalone.toString());
    assertTrue(
        standalone.stream().anyMatch(j -> j.startsWith("mapdb-")),
        "the local service keeps its data in MapDB");
  }

  @Test
  void theDefaultSetStartsEveryBundleWithRaftMetadata() throws Exception {
    Path socket = dir.resolve("d.sock");
    Process p = launch("--socket", socket.toString(), "--size", "64M", "--log-level", "DEBUG");
    int jars = jarsOf("cluster").size();
    List<String> states = bundleStates(p, jars + 1);
    String err = stderrOf(p);
    assertEquals(jars + 1, states.size(), err);
    assertTrue(states.stream().allMatch(l -> l.endsWith(": ACTIVE")), err);
    assertTrue(states.stream().anyMatch(l -> l.contains(" vineyard-meta-raft ")), err);
    assertFalse(states.stream().anyMatch(l -> l.contains(" vineyard-meta-local ")), err);
    assertTrue(
        err.contains(
            "INFO io.vineyard.runtime.Main: bundle set cluster ("
                + DIST.resolve("bundle-sets/cluster")
                + "): "
                + jars
                + " bundles"),
        err);

    String ready = p.inputReader().readLine();
    assertTrue(
        ready != null
            && ready.startsWith(
                "vineyardd ready: socket=" + socket + " size=64MiB set=cluster bundles="),
        ready + "\n" + stderrOf(p));
    String status = RawClient.instanceStatus(socket);
    assertTrue(
        status.contains("\"metadata\":\"raft\"")
            && status.contains("\"role\":")
            && status.contains("\"cluster\":\"it-" + ProcessHandle.current().pid() + "\""),
        status);
    assertTrue(
        Files.isRegularFile(dir.resolve("data/raft-log.db")), "the Raft log is in --data-dir");
  }

  @Test
  void theStandaloneSetServesWithoutRaft() throws Exception {
    Path socket = dir.resolve("s.sock");
    Process p =
        launch(
            "--socket",
            socket.toString(),
            "--size",
            "64M",
            "--bundle-set",
            "standalone",
            "--log-level",
            "DEBUG");
    String ready = p.inputReader().readLine();
    String err = stderrOf(p);
    assertTrue(
        ready != null
            && ready.startsWith(
                "vineyardd ready: socket="
                    + socket
                    + " size=64MiB set=standalone bundles="
                    + jarsOf("standalone").size()
                    + " ("),
        ready + "\n" + err);
    List<String> states = err.lines().filter(l -> l.contains("FelixRuntime: bundle ")).toList();
    assertTrue(states.stream().anyMatch(l -> l.contains(" vineyard-meta-local ")), err);
    assertFalse(states.stream().anyMatch(l -> l.contains(" vineyard-meta-raft ")), err);
    String status = RawClient.instanceStatus(socket);
    assertTrue(
        status.contains("\"instance_status_reply\"") && !status.contains("\"role\":"), status);
  }

  @Test
  void aSecondRuntimeOnTheSameDataDirRefusesToStart() throws Exception {
    Path data = dir.resolve("shared-data");
    Process first =
        launch(
            "--socket",
            dir.resolve("one.sock").toString(),
            "--size",
            "64M",
            "--data-dir",
            data.toString());
    String ready = first.inputReader().readLine();
    assertTrue(
        ready != null && ready.startsWith("vineyardd ready"), ready + "\n" + stderrOf(first));

    long start = System.nanoTime();
    Process second =
        launch(
            "--socket",
            dir.resolve("two.sock").toString(),
            "--size",
            "64M",
            "--data-dir",
            data.toString(),
            "--shm-dir",
            SHM + "-two");
    try {
      assertTrue(second.waitFor(30, TimeUnit.SECONDS), "still waiting:\n" + stderrOf(second));
      String err = stderrOf(second);
      assertEquals(1, second.exitValue(), err);
      List<String> said = err.lines().filter(l -> l.startsWith("vineyardd: ")).toList();
      assertTrue(
          said.getFirst().startsWith("vineyardd: vineyard-meta-raft: ")
              && said.getFirst().contains(data.toString())
              && said.getFirst().contains("in use by another runtime (pid " + first.pid() + ")"),
          err);
      assertTrue(
          said.stream().skip(1).allMatch(l -> l.endsWith(", which failed")),
          "the cause first, then what it stopped: " + said);
      assertTrue(
          System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20),
          "refused at once, not after the ready timeout");
      assertEquals("", text(second.getInputStream().readAllBytes()));
      assertTrue(
          first.isAlive() && SocketProbe.isServed(dir.resolve("one.sock")),
          "the first one keeps serving");
    } finally {
      FelixRuntime.deleteTree(Path.of(SHM + "-two"));
    }
  }

  @Test
  void badClusterFlagsAreUsageErrors() throws Exception {
    Process noPort =
        launch(
            "--socket", dir.resolve("x.sock").toString(), "--peers", "10.0.0.6:7800,10.0.0.7:7800");
    assertTrue(noPort.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, noPort.exitValue());
    assertTrue(
        stderrOf(noPort)
            .startsWith(
                "vineyardd: --peers needs this runtime's own fixed port: give --bind ADDR:PORT"),
        stderrOf(noPort));
    Process badPeer =
        launch(
            "--socket",
            dir.resolve("x.sock").toString(),
            "--bind",
            "10.0.0.5:7800",
            "--peers",
            "10.0.0.6");
    assertTrue(badPeer.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, badPeer.exitValue());
    assertTrue(stderrOf(badPeer).contains("peer '10.0.0.6' has no port"), stderrOf(badPeer));
    Process badBind =
        launch("--socket", dir.resolve("x.sock").toString(), "--bind", "10.0.0.5:port");
    assertTrue(badBind.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, badBind.exitValue());
    assertTrue(stderrOf(badBind).contains("'port' is not a TCP port"), stderrOf(badBind));
    Process badSet =
        launch("--socket", dir.resolve("x.sock").toString(), "--bundle-set", "clutser");
    assertTrue(badSet.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, badSet.exitValue());
    assertTrue(
        stderrOf(badSet)
            .startsWith(
                "vineyardd: --bundle-set: no bundle set 'clutser' in "
                    + DIST.resolve("bundle-sets")
                    + " (there: cluster, core, metrics, standalone)"),
        stderrOf(badSet));
  }

  @Test
  void aStartThatCannotWorkSaysWhyInOneLineAndLeavesNoTrace() throws Exception {
    Path socket = dir.resolve("b.sock");
    Path data = dir.resolve("data-b");
    Process badBind =
        launch(
            "--socket", socket.toString(), "--bind", "10.99.99.99", "--data-dir", data.toString());
    assertTrue(badBind.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, badBind.exitValue(), stderrOf(badBind));
    List<String> said = stderrOf(badBind).lines().filter(l -> l.startsWith("vineyardd: ")).toList();
    assertEquals(1, said.size(), stderrOf(badBind));
    assertTrue(
        said.getFirst()
            .startsWith(
                "vineyardd: --bind 10.99.99.99: 10.99.99.99 is not an address of this host"
                    + " (its addresses: "),
        said.getFirst());
    assertFalse(stderrOf(badBind).contains("\tat "), "no stack trace: " + stderrOf(badBind));

    Process badShm =
        launch(
            "--socket", socket.toString(), "--shm-dir", "/proc/x", "--data-dir", data.toString());
    assertTrue(badShm.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, badShm.exitValue(), stderrOf(badShm));
    said = stderrOf(badShm).lines().filter(l -> l.startsWith("vineyardd: ")).toList();
    assertEquals(1, said.size(), stderrOf(badShm));
    assertTrue(
        said.getFirst()
            .startsWith("vineyardd: cannot create the shared-memory folder (--shm-dir) /proc/x: "),
        said.getFirst());

    assertFalse(Files.exists(data), "nothing was written for the failed starts");
    Process ok =
        launch("--socket", socket.toString(), "--size", "64M", "--data-dir", data.toString());
    String ready = ok.inputReader().readLine();
    assertTrue(ready != null && ready.startsWith("vineyardd ready"), ready + "\n" + stderrOf(ok));
  }
}
