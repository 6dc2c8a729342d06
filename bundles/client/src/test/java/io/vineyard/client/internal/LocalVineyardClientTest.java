package io.vineyard.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.testkit.EmbeddedServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-process client service: waits for a server that is still activating, and is a plain socket
 * client.
 */
class LocalVineyardClientTest {
  final PluginRegistry plugins = PluginRegistry.serviceLoader(getClass().getClassLoader());
  Path dir;
  Path shm;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory("vineyard-local-client-test");
    shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-local-client-test");
  }

  @AfterEach
  void tearDown() throws IOException {
    for (Path p : new Path[] {dir, shm}) {
      try (Stream<Path> s = Files.walk(p)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  LocalVineyardClient.Config config(Path socket) {
    return new LocalVineyardClient.Config() {
      @Override
      public String socket() {
        return socket.toString();
      }

      @Override
      public Class<LocalVineyardClient.Config> annotationType() {
        return LocalVineyardClient.Config.class;
      }
    };
  }

  @Test
  void connectsOnceTheServerServesAndClosesOnDeactivate() throws Exception {
    Path socket = dir.resolve("v.sock");
    CompletableFuture<EmbeddedServer> late =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                TimeUnit.MILLISECONDS.sleep(700);
                return EmbeddedServer.start(socket, shm.resolve("arenas"), 8L << 20);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      LocalVineyardClient client = new LocalVineyardClient(config(socket), plugins);
      ObjectId id = client.put(new byte[] {1, 2, 3});
      assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), client.get(id));
      assertEquals(1, client.status().ipcConnections());
      client.deactivate();
      assertThrows(IllegalStateException.class, () -> client.get(id));
    } finally {
      late.get(10, TimeUnit.SECONDS).close();
    }
  }

  @Test
  void givesUpAfterTheTimeoutNamingTheSocket() {
    Path socket = dir.resolve("nobody.sock");
    long start = System.nanoTime();
    VineyardException.ConnectionFailed e =
        assertThrows(
            VineyardException.ConnectionFailed.class,
            () -> LocalVineyardClient.connect(socket, plugins, Duration.ofMillis(400)));
    assertTrue(
        System.nanoTime() - start >= Duration.ofMillis(400).toNanos(),
        "it retried for the whole timeout");
    assertTrue(
        e.getMessage().contains(socket.toString()) && e.getMessage().contains("400 ms"),
        e.getMessage());
  }
}
