package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.runtime.config.ConfigProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final Cluster EMBEDDED =
      new Cluster(
          "vineyard",
          "127.0.0.1",
          0,
          List.of(),
          Path.of("/home/alice/.local/vineyard/discovery"),
          null);
  private static final BundleChoice BUNDLES =
      new BundleChoice(Path.of("/opt/b"), null, "cluster", null);

  private final Settings settings =
      new Settings(
          Path.of("/tmp/x.sock"),
          2L << 30,
          Path.of("/dev/shm/vineyard-alice-0123abcd"),
          Path.of("/tmp/plugins"),
          Path.of("/home/alice/.local/share/vineyard/0123abcd"),
          EMBEDDED,
          BUNDLES);

  @Test
  void flagsBecomeConfigProperties() {
    Map<String, String> p = settings.frameworkProperties(Path.of("/tmp/storage"));
    assertEquals("2147483648", p.get("vineyard.config.io.vineyard.store.size"));
    assertEquals(
        "/dev/shm/vineyard-alice-0123abcd", p.get("vineyard.config.io.vineyard.store.shm.dir"));
    assertEquals("/tmp/x.sock", p.get("vineyard.config.io.vineyard.server.socket"));
    assertEquals("/tmp/x.sock", p.get("vineyard.config.io.vineyard.client.socket"));
    assertEquals(
        "io.vineyard.store,io.vineyard.server,io.vineyard.client,io.vineyard.meta.raft,io.vineyard.meta.local",
        p.get(ConfigProperties.PIDS));
  }

  @Test
  void bothMetadataServicesAreConfigured() {
    Map<String, Map<String, String>> c = settings.configurations();
    assertEquals(
        Map.of(
            "cluster",
            "vineyard",
            "bind",
            "127.0.0.1",
            "port",
            "0",
            "peers",
            "",
            "discovery.dir",
            "/home/alice/.local/vineyard/discovery",
            "data.dir",
            "/home/alice/.local/share/vineyard/0123abcd",
            "socket",
            "/tmp/x.sock"),
        c.get("io.vineyard.meta.raft"));
    assertEquals(
        Map.of("data.dir", "/home/alice/.local/share/vineyard/0123abcd", "socket", "/tmp/x.sock"),
        c.get("io.vineyard.meta.local"));
  }

  @Test
  void fixedPeersAndCommitTimeout() {
    Cluster fixed =
        new Cluster(
            "prod",
            "10.0.0.5",
            7800,
            List.of("10.0.0.5:7800", "10.0.0.6:7800"),
            Path.of("/d"),
            Duration.ofMillis(2500));
    Settings s =
        new Settings(
            Path.of("/tmp/x.sock"),
            1,
            Path.of("/s"),
            Path.of("/p"),
            Path.of("/data"),
            fixed,
            BUNDLES);
    Map<String, String> raft = s.configurations().get("io.vineyard.meta.raft");
    assertEquals("prod", raft.get("cluster"));
    assertEquals("10.0.0.5", raft.get("bind"));
    assertEquals("7800", raft.get("port"));
    assertEquals("10.0.0.5:7800,10.0.0.6:7800", raft.get("peers"));
    assertEquals("2500", raft.get("commit.timeout.ms"));
  }

  @Test
  void configPropertiesRoundTrip() {
    Map<String, String> p = settings.frameworkProperties(Path.of("/tmp/storage"));
    assertEquals(
        Map.of(
            "io.vineyard.store",
                Map.of(
                    "size",
                    "2147483648",
                    "shm.dir",
                    "/dev/shm/vineyard-alice-0123abcd",
                    "keep",
                    "true"),
            "io.vineyard.server",
                Map.of(
                    "socket",
                    "/tmp/x.sock",
                    "shm.dir",
                    "/dev/shm/vineyard-alice-0123abcd",
                    "data.dir",
                    "/home/alice/.local/share/vineyard/0123abcd",
                    "discovery.dir",
                    "/home/alice/.local/vineyard/discovery",
                    "plugins.dir",
                    "/tmp/plugins"),
            "io.vineyard.client", Map.of("socket", "/tmp/x.sock"),
            "io.vineyard.meta.raft", settings.configurations().get("io.vineyard.meta.raft"),
            "io.vineyard.meta.local", settings.configurations().get("io.vineyard.meta.local")),
        ConfigProperties.decode(p));
  }

  @Test
  void frameworkProperties() {
    Map<String, String> p = settings.frameworkProperties(Path.of("/tmp/storage"));
    assertEquals("/tmp/storage", p.get("org.osgi.framework.storage"));
    assertEquals("onFirstInit", p.get("org.osgi.framework.storage.clean"));
    assertEquals("sun.misc", p.get("org.osgi.framework.bootdelegation"));
    assertEquals("1", p.get("felix.log.level"));
    assertEquals("warn", p.get("ds.loglevel"));
    assertEquals("/tmp/plugins", p.get("felix.fileinstall.dir"));
    assertEquals("1000", p.get("felix.fileinstall.poll"));
    assertEquals("true", p.get("felix.fileinstall.noInitialDelay"));
    assertEquals("2", p.get("felix.fileinstall.log.level"));
  }
}
