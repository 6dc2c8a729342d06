package io.vineyard.server;

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
    dir = Files.createTempDirectory("vineyard-server-test");
    shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-server-test");
    server = EmbeddedServer.start(dir.resolve("v.sock"), shm.resolve("arenas"), size);
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
