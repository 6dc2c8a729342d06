package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private static final Defaults ALICE =
      new Defaults("alice", false, Path.of("/home/alice"), Map.of());

  private static Settings parse(String... args) {
    Main main = new Main();
    CommandLine line = new CommandLine(main).setOverwrittenOptionsAllowed(true);
    line.parseArgs(FlagSections.dashed(args, line.getCommandSpec())); // as main() reads them
    return main.settings(ALICE);
  }

  @Test
  void defaults() {
    Settings s = parse("--bundle-dir", "/opt/v/bundles");
    assertEquals(ALICE.socket(), s.socket());
    assertEquals(2L << 30, s.size());
    assertEquals(ALICE.shmDir(ALICE.socket()), s.shmDir());
    assertEquals(ALICE.pluginsDir(), s.pluginsDir());
    assertEquals(new BundleChoice(Path.of("/opt/v/bundles"), null, "cluster", null), s.bundles());
    assertEquals(ALICE.dataDir(ALICE.socket()), s.dataDir());
    assertEquals(
        new Cluster("vineyard", "127.0.0.1", 0, List.of(), ALICE.discoveryDir(), null),
        s.cluster());
  }

  @Test
  void flags() {
    Settings s =
        parse(
            "--socket",
            "/tmp/x.sock",
            "--size",
            "64M",
            "--shm-dir",
            "/dev/shm/mine",
            "--plugins-dir",
            "/tmp/plugins",
            "--bundle-dir",
            "/opt/v/bundles",
            "--shell",
            "--bundle-set",
            "standalone",
            "--data-dir",
            "/srv/v/data",
            "--cluster",
            "prod",
            "--bind",
            "10.0.0.5:7800",
            "--peers",
            "10.0.0.5:7800, 10.0.0.6:7800,10.0.0.7:7800",
            "--discovery-dir",
            "/srv/v/disc",
            "--commit-timeout",
            "2s");
    assertEquals(Path.of("/tmp/x.sock"), s.socket());
    assertEquals(64L << 20, s.size());
    assertEquals(Path.of("/dev/shm/mine"), s.shmDir());
    assertEquals(Path.of("/tmp/plugins"), s.pluginsDir());
    assertEquals(
        new BundleChoice(Path.of("/opt/v/bundles"), null, "standalone", Path.of("/opt/v/shell")),
        s.bundles());
    assertEquals(Path.of("/srv/v/data"), s.dataDir());
    assertEquals(
        new Cluster(
            "prod",
            "10.0.0.5",
            7800,
            List.of("10.0.0.5:7800", "10.0.0.6:7800", "10.0.0.7:7800"),
            Path.of("/srv/v/disc"),
            Duration.ofSeconds(2)),
        s.cluster());
  }

  @Test
  void derivedDataDirFollowsTheSocket() {
    Settings one = parse("--socket", "/tmp/vineyard.sock1", "--bundle-dir", "b");
    Settings two = parse("--socket", "/tmp/vineyard.sock2", "--bundle-dir", "b");
    assertNotEquals(
        one.dataDir(), two.dataDir(), "two runtimes of one user never share a data folder");
    assertEquals(
        one.dataDir(),
        parse("--socket", "/tmp/vineyard.sock1", "--bundle-dir", "b").dataDir(),
        "a restart on the same socket finds its own");
    assertEquals(one.cluster(), two.cluster(), "and they meet in the same cluster");
  }

  @Test
  void bindWithoutPortPicksOne() {
    Cluster c = parse("--bind", "192.168.1.4", "--bundle-dir", "b").cluster();
    assertEquals("192.168.1.4", c.bind());
    assertEquals(0, c.port());
    Cluster v6 = parse("--bind", "[::1]:7800", "--bundle-dir", "b").cluster();
    assertEquals("::1", v6.bind());
    assertEquals(7800, v6.port());
  }

  @Test
  void peersNeedAFixedPort() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse("--peers", "10.0.0.6:7800", "--bind", "10.0.0.5", "--bundle-dir", "b"));
    assertTrue(
        e.getMessage()
            .contains("--peers needs this runtime's own fixed port: give --bind ADDR:PORT"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> parse("--peers", "10.0.0.6:7800", "--bundle-dir", "b"));
  }

  @Test
  void aPeerWithoutPortIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                parse(
                    "--peers",
                    "10.0.0.6:7800,10.0.0.7",
                    "--bind",
                    "10.0.0.5:7800",
                    "--bundle-dir",
                    "b"));
    assertEquals(
        "--peers: peer '10.0.0.7' has no port: write HOST:PORT (each member's port, as in its --bind)",
        e.getMessage());
  }

  @Test
  void derivedShmDirFollowsTheSocket() {
    Settings a = parse("--socket", "/tmp/a.sock", "--bundle-dir", "b");
    Settings b = parse("--socket", "/tmp/b.sock", "--bundle-dir", "b");
    assertNotEquals(a.shmDir(), b.shmDir());
    assertEquals(ALICE.shmDir(Path.of("/tmp/a.sock")), a.shmDir());
  }

  @Test
  void relativePathsBecomeAbsolute() {
    Settings s = parse("--socket", "x.sock", "--bundle-dir", "b", "--plugins-dir", "p");
    assertTrue(s.socket().isAbsolute());
    assertTrue(s.pluginsDir().isAbsolute());
    assertTrue(s.bundles().bundleDir().isAbsolute());
    assertTrue(parse("--data-dir", "d", "--bundle-dir", "b").dataDir().isAbsolute());
    assertTrue(
        parse("--discovery-dir", "d", "--bundle-dir", "b").cluster().discoveryDir().isAbsolute());
  }

  @Test
  void lastBundleDirWins() {
    assertEquals(
        Path.of("/two"),
        parse("--bundle-dir", "/one", "--bundle-dir", "/two").bundles().bundleDir());
  }

  @Test
  void bundleDirIsRequiredOutsideADistribution() {
    // the test classes are a folder, not dist/lib/*.jar: nothing to derive the default from
    assertThrows(IllegalArgumentException.class, () -> parse("--socket", "/tmp/x.sock"));
  }

  @Test
  void readyTimeoutGrowsWithTheCommitTimeout() {
    assertEquals(Main.READY_TIMEOUT, Main.readyTimeout(parse("--bundle-dir", "b").cluster()));
    assertEquals(
        Main.READY_TIMEOUT,
        Main.readyTimeout(parse("--bundle-dir", "b", "--commit-timeout", "10s").cluster()));
    assertEquals(
        Duration.ofSeconds(120),
        Main.readyTimeout(parse("--bundle-dir", "b", "--commit-timeout", "30s").cluster()));
  }

  @Test
  void logLevels() {
    Main main = new Main();
    new CommandLine(main).parseArgs("--log-level", "debug");
    assertEquals(Level.FINE, main.logLevel);
    new CommandLine(main).parseArgs();
    assertEquals(Level.INFO, main.logLevel);
    assertEquals(Level.WARNING, RuntimeLogging.parseLevel("WARN"));
    assertEquals(Level.FINER, RuntimeLogging.parseLevel("finer"));
  }

  @Test
  void spillFlagsInBothSpellings() {
    assertEquals(null, parse("--bundle-dir", "/b").spill());
    assertEquals(
        new Settings.Spill(Path.of("/var/spill"), 0.3, 0.8),
        parse("--bundle-dir", "/b", "--spill-path", "/var/spill").spill());
    assertEquals(
        new Settings.Spill(Path.of("/var/spill"), 0.1, 0.5),
        parse(
                "--bundle-dir",
                "/b",
                "--spill_path",
                "/var/spill",
                "--spill_lower_rate",
                "0.1",
                "--spill-upper-rate",
                "0.5")
            .spill());
    IllegalArgumentException crossed =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse("--bundle-dir", "/b", "--spill-lower-rate", "0.9"));
    assertTrue(crossed.getMessage().contains("--spill-upper-rate"), crossed.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> parse("--bundle-dir", "/b", "--spill-upper-rate", "1.5"));
    Map<String, String> store =
        parse("--bundle-dir", "/b", "--spill-path", "/var/spill")
            .configurations()
            .get(Settings.STORE_PID);
    assertEquals("/var/spill", store.get("spill.path"));
    assertEquals("0.3", store.get("spill.lower.rate"));
    assertEquals("0.8", store.get("spill.upper.rate"));
  }

  @Test
  void badFlagsAreUsageErrors() {
    for (String[] args :
        List.of(
            new String[] {"--size", "lots"},
            new String[] {"--log-level", "loud"},
            new String[] {"--nope"},
            new String[] {"--bind", "10.0.0.5:http"},
            new String[] {"--bind", ":7800"},
            new String[] {"--commit-timeout", "soon"})) {
      StringWriter err = new StringWriter();
      int status = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute(args);
      assertEquals(2, status, err.toString());
    }
  }

  @Test
  void helpNamesEveryFlag() {
    String help = new CommandLine(new Main()).getUsageMessage();
    for (String flag :
        List.of(
            "--socket",
            "--size",
            "--shm-dir",
            "--spill-path",
            "--spill-lower-rate",
            "--spill-upper-rate",
            "--plugins-dir",
            "--data-dir",
            "--cluster",
            "--bind",
            "--peers",
            "--discovery-dir",
            "--commit-timeout",
            "--bundle-set",
            "--bundle-dir",
            "--log-level",
            "--shell",
            "--help",
            "--version")) {
      assertTrue(help.contains(flag), flag);
    }
  }

  @Test
  void reserveMemoryReachesTheStoreOnlyWhenAsked() {
    Settings off = parse("--bundle-dir", "/opt/v/bundles");
    assertFalse(off.reserveMemory());
    assertFalse(off.configurations().get(Settings.STORE_PID).containsKey("reserve"));
    Settings on = parse("--bundle-dir", "/opt/v/bundles", "--reserve-memory");
    assertTrue(on.reserveMemory());
    assertEquals("true", on.configurations().get(Settings.STORE_PID).get("reserve"));
  }
}
