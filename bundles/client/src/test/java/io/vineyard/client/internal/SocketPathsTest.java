package io.vineyard.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SocketPathsTest {
  @Test
  void theEnvironmentWinsThenTheUsersDefault() {
    assertEquals(Path.of("/tmp/x.sock"), SocketPaths.resolve(" /tmp/x.sock "));
    Path dflt =
        SocketPaths.isRoot()
            ? Path.of("/var/run/vineyard.sock")
            : Path.of(System.getProperty("user.home"), ".local/vineyard/vineyard.sock");
    assertEquals(dflt, SocketPaths.resolve(null));
    assertEquals(dflt, SocketPaths.resolve(""));
    assertEquals("root".equals(System.getProperty("user.name")), SocketPaths.isRoot());
  }
}
