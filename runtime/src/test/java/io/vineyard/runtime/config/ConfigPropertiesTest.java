package io.vineyard.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigPropertiesTest {
  @Test
  void encodesPidDotKey() {
    Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    configs.put("io.vineyard.store", Map.of("shm.dir", "/dev/shm/x"));
    configs.put("io.vineyard.server", Map.of("socket", "/tmp/x.sock"));
    assertEquals(
        Map.of(
            "vineyard.config.pids", "io.vineyard.store,io.vineyard.server",
            "vineyard.config.io.vineyard.store.shm.dir", "/dev/shm/x",
            "vineyard.config.io.vineyard.server.socket", "/tmp/x.sock"),
        ConfigProperties.encode(configs));
  }

  @Test
  void longestListedPidWins() {
    Map<String, Object> p =
        Map.of(
            "vineyard.config.pids", "a.b, a.b.c",
            "vineyard.config.a.b.x", "1",
            "vineyard.config.a.b.c.y.z", "2",
            "vineyard.config.a.b.cy", "3",
            "org.osgi.framework.storage", "/tmp/s");
    assertEquals(
        Map.of("a.b", Map.of("x", "1", "cy", "3"), "a.b.c", Map.of("y.z", "2")),
        ConfigProperties.decode(p));
  }

  @Test
  void listedPidsWithoutKeysAreEmpty() {
    assertEquals(
        Map.of("p", Map.of()), ConfigProperties.decode(Map.of("vineyard.config.pids", "p")));
    assertEquals(Map.of(), ConfigProperties.decode(Map.of("felix.log.level", "1")));
  }

  @Test
  void propertyOfNoListedPidIsAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ConfigProperties.decode(
                    Map.of("vineyard.config.pids", "a", "vineyard.config.b.x", "1")));
    assertTrue(e.getMessage().contains("vineyard.config.b.x"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ConfigProperties.decode(
                Map.of("vineyard.config.pids", "a", "vineyard.config.a.", "1")));
  }

  @Test
  void roundTrip() {
    Map<String, Map<String, String>> configs =
        Map.of(
            "io.vineyard.store", Map.of("size", "67108864", "shm.dir", "/dev/shm/v"),
            "io.vineyard.server", Map.of("socket", "/tmp/v.sock"));
    assertEquals(configs, ConfigProperties.decode(ConfigProperties.encode(configs)));
  }
}
