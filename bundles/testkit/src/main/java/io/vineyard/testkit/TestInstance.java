package io.vineyard.testkit;

import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.store.BulkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real instance ({@link EmbeddedServer}) on its own temporary socket and shared-memory folder
 * (under {@code /dev/shm}), both removed on close, also when the start fails.
 *
 * <p>Checks trees with the object-type plugins on the test class path ({@link
 * java.util.ServiceLoader} providers), or with the registry given.
 */
public final class TestInstance implements AutoCloseable {
  private final Path dir;
  private final Path shm;
  private final EmbeddedServer server;

  /** An instance with a memory limit of {@code sizeBytes}, with the plugins on the class path. */
  public TestInstance(long sizeBytes) throws IOException {
    this(sizeBytes, null);
  }

  /**
   * An instance with a memory limit of {@code sizeBytes} that checks trees with the given plugins.
   */
  public TestInstance(long sizeBytes, PluginRegistry plugins) throws IOException {
    dir = Files.createTempDirectory("vineyard-test");
    Path shmDir;
    try {
      shmDir = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-test");
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw e;
    }
    shm = shmDir;
    try {
      server =
          plugins == null
              ? EmbeddedServer.start(dir.resolve("v.sock"), shm.resolve("arenas"), sizeBytes)
              : EmbeddedServer.start(
                  dir.resolve("v.sock"), shm.resolve("arenas"), sizeBytes, plugins);
    } catch (IOException | RuntimeException e) {
      delete(dir, shm);
      throw e;
    }
  }

  /** The socket the instance serves. */
  public Path socket() {
    return server.socket();
  }

  /** The temporary folder of the socket (removed on close), e.g. to name a socket nobody serves. */
  public Path dir() {
    return dir;
  }

  /** The instance itself. */
  public EmbeddedServer server() {
    return server;
  }

  /** The instance's bulk store, to check memory use. */
  public BulkStore store() {
    return server.store();
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      delete(dir, shm);
    }
  }

  private static void delete(Path... folders) throws IOException {
    for (Path p : folders) {
      if (Files.exists(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }
}
