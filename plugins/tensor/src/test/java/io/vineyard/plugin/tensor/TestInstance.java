package io.vineyard.plugin.tensor;

import io.vineyard.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real instance on its own temporary socket and shared-memory folder, both removed on close. */
final class TestInstance implements AutoCloseable {
  final Path dir;
  final Path shm;
  final EmbeddedServer server;

  TestInstance(long sizeBytes) throws IOException {
    dir = Files.createTempDirectory("vineyard-tensor-test");
    shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-tensor-test");
    EmbeddedServer started;
    try {
      started = EmbeddedServer.start(dir.resolve("v.sock"), shm.resolve("arenas"), sizeBytes);
    } catch (IOException | RuntimeException e) {
      delete();
      throw e;
    }
    server = started;
  }

  Path socket() {
    return server.socket();
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      delete();
    }
  }

  private void delete() throws IOException {
    for (Path p : new Path[] {dir, shm}) {
      if (Files.exists(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }
}
