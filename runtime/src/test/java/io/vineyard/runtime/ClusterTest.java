package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterTest {
  private static final Path DISCOVERY = Path.of("/home/alice/.local/vineyard/discovery");

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void addresses() {
    assertEquals(new Cluster.Address("10.0.0.5", 0), Cluster.Address.parse("10.0.0.5", "--bind"));
    assertEquals(
        new Cluster.Address("10.0.0.5", 7800), Cluster.Address.parse(" 10.0.0.5:7800 ", "--bind"));
    assertEquals(
        new Cluster.Address("node-1.example", 7800),
        Cluster.Address.parse("node-1.example:7800", "--bind"));
    assertEquals(new Cluster.Address("::1", 7800), Cluster.Address.parse("[::1]:7800", "--bind"));
    assertEquals(new Cluster.Address("::1", 0), Cluster.Address.parse("[::1]", "--bind"));
    assertEquals(new Cluster.Address("fe80::1", 0), Cluster.Address.parse("fe80::1", "--bind"));
    assertEquals(new Cluster.Address("0.0.0.0", 0), Cluster.Address.parse("0.0.0.0:0", "--bind"));
  }

  @Test
  void badAddressesSayWhy() {
    assertEquals(
        "--bind '10.0.0.5:http': 'http' is not a TCP port (0 to 65535)",
        error(() -> Cluster.Address.parse("10.0.0.5:http", "--bind")));
    assertEquals(
        "--bind '10.0.0.5:70000': '70000' is not a TCP port (0 to 65535)",
        error(() -> Cluster.Address.parse("10.0.0.5:70000", "--bind")));
    assertEquals(
        "--bind '10.0.0.5:': '' is not a TCP port (0 to 65535)",
        error(() -> Cluster.Address.parse("10.0.0.5:", "--bind")));
    assertEquals(
        "--bind ':7800' has no address: write ADDR or ADDR:PORT",
        error(() -> Cluster.Address.parse(":7800", "--bind")));
    assertTrue(error(() -> Cluster.Address.parse("[::1]7800", "--bind")).contains("[ADDR]:PORT"));
  }

  @Test
  void peers() {
    assertEquals(
        List.of("a:1", "b.example:7800", "[::1]:7801"),
        Cluster.parsePeers(" a:1, b.example:7800,,[::1]:7801 "));
    assertEquals(List.of(), Cluster.parsePeers(""));
    assertEquals(
        "--peers: peer 'b' has no port: write HOST:PORT (each member's port, as in its --bind)",
        error(() -> Cluster.parsePeers("a:1,b")));
    assertTrue(error(() -> Cluster.parsePeers("a:1,b:x")).contains("'x' is not a TCP port"));
  }

  @Test
  void peersNeedAFixedPortAndARealAddress() {
    assertTrue(
        error(() -> new Cluster("c", "10.0.0.5", 0, List.of("10.0.0.6:7800"), DISCOVERY, null))
            .startsWith(
                "--peers needs this runtime's own fixed port: give --bind ADDR:PORT (e.g. --bind 10.0.0.5:7800)"));
    assertTrue(
        error(() -> new Cluster("c", "::1", 0, List.of("[::2]:7800"), DISCOVERY, null))
            .contains("--bind [::1]:7800"));
    assertTrue(
        error(() -> new Cluster("c", "0.0.0.0", 7800, List.of("10.0.0.6:7800"), DISCOVERY, null))
            .startsWith("--bind 0.0.0.0 with --peers"));
    new Cluster("c", "0.0.0.0", 0, List.of(), DISCOVERY, null); // a wildcard without peers is fine
  }

  @Test
  void clusterNames() {
    new Cluster("team-a_2.test", "127.0.0.1", 0, List.of(), DISCOVERY, null);
    for (String bad : List.of("", "a/b", "../x", " a", "-x")) {
      assertTrue(
          error(() -> new Cluster(bad, "127.0.0.1", 0, List.of(), DISCOVERY, null))
              .startsWith("--cluster '"),
          bad);
    }
  }

  @Test
  void durations() {
    assertEquals(Duration.ofMillis(500), Cluster.parseDuration("500ms"));
    assertEquals(Duration.ofSeconds(10), Cluster.parseDuration("10s"));
    assertEquals(Duration.ofSeconds(10), Cluster.parseDuration("10 S"));
    assertEquals(Duration.ofMinutes(2), Cluster.parseDuration("2m"));
    assertEquals(Duration.ofHours(1), Cluster.parseDuration("1h"));
    assertEquals(Duration.ofSeconds(90), Cluster.parseDuration("PT1M30S"));
    assertEquals(
        "not a duration: '10' (write e.g. 500ms, 10s, 2m)",
        error(() -> Cluster.parseDuration("10")));
    assertEquals(
        "--commit-timeout must be positive",
        error(() -> new Cluster("c", "127.0.0.1", 0, List.of(), DISCOVERY, Duration.ZERO)));
  }
}
