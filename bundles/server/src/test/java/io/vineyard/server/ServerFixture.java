package io.vineyard.server;

import io.vineyard.api.spi.PluginRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A server on its own temporary socket and shared-memory folder, removed on close. */
final class ServerFixture implements AutoCloseable {
  final Path dir;
  final Path shm;
  final EmbeddedServer server;

  ServerFixture(long size) throws IOException {
    this(size, PluginRegistry.serviceLoader(ServerFixture.class.getClassLoader()));
  }

  /** A server that checks trees with the given plugins. */
  ServerFixture(long size, PluginRegistry plugins) throws IOException {
    dir = Files.createTempDirectory("vineyard-server-test");
    shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-server-test");
    server = EmbeddedServer.start(dir.resolve("v.sock"), shm.resolve("arenas"), size, plugins);
  }

  Path socket() {
    return server.socket();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Path p : new Path[] {dir, shm}) {
      if (Files.exists(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }
}
