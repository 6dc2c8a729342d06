package io.vineyard.server;

import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.meta.MetadataServices;
import io.vineyard.server.internal.ServerCore;
import io.vineyard.store.BulkStore;
import io.vineyard.store.BulkStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A server (instance 0, local metadata) on its own temporary socket and shared-memory folder,
 * removed on close.
 */
final class ServerFixture implements AutoCloseable {
  final Path dir;
  final Path shm;
  final BulkStore store;
  private final ServerCore core;

  ServerFixture(long size) throws IOException {
    this(size, PluginRegistry.serviceLoader(ServerFixture.class.getClassLoader()));
  }

  /** A server that checks trees with the given plugins. */
  ServerFixture(long size, PluginRegistry plugins) throws IOException {
    dir = Files.createTempDirectory("vineyard-server-test");
    shm = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-server-test");
    store = BulkStores.open(shm.resolve("arenas"), size);
    core = ServerCore.start(dir.resolve("v.sock"), store, MetadataServices.local(0), plugins);
  }

  /** Starts the RPC endpoint on a free loopback port; returns its endpoint. */
  String startRpc(long maxFrame) throws IOException {
    core.startRpc("127.0.0.1", 0, maxFrame);
    return core.rpcEndpoint();
  }

  Path socket() {
    return dir.resolve("v.sock");
  }

  @Override
  public void close() throws IOException {
    core.close();
    store.close();
    for (Path p : new Path[] {dir, shm}) {
      if (Files.exists(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }
  }
}
