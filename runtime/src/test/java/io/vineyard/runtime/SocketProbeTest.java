package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketProbeTest {
  @TempDir Path dir;

  @Test
  void servedOnlyWhileSomeoneListens() throws Exception {
    Path socket = dir.resolve("p.sock");
    assertFalse(SocketProbe.isServed(socket), "no file");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertTrue(SocketProbe.isServed(socket));
      assertTrue(SocketProbe.awaitServed(socket, Duration.ofSeconds(5), () -> true));
    }
    assertTrue(Files.exists(socket), "a stale socket file stays behind");
    assertFalse(SocketProbe.isServed(socket), "a stale socket file is not served");
  }

  @Test
  void waitingEndsOnTimeoutOrWhenNotWorthIt() throws Exception {
    Path socket = dir.resolve("none.sock");
    assertFalse(SocketProbe.awaitServed(socket, Duration.ofMillis(100), () -> true));
    assertFalse(SocketProbe.awaitServed(socket, Duration.ofSeconds(60), () -> false));
  }

  @Test
  void socketPathsMustFit() {
    SocketProbe.checkLength(Path.of("/tmp/" + "a".repeat(SocketProbe.MAX_PATH_BYTES - 5)));
    assertThrows(
        IllegalArgumentException.class,
        () -> SocketProbe.checkLength(Path.of("/tmp/" + "a".repeat(SocketProbe.MAX_PATH_BYTES))));
  }
}
