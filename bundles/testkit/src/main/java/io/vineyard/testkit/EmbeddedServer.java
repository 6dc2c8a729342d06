package io.vineyard.testkit;

import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.meta.MetadataService;
import io.vineyard.meta.MetadataServices;
import io.vineyard.server.internal.ServerCore;
import io.vineyard.store.BulkStore;
import io.vineyard.store.BulkStores;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A complete single instance outside OSGi: its own bulk store, local metadata and IPC server.
 *
 * <p>For tests and benchmarks (it is no part of the server's API). {@link #close()} stops serving,
 * removes the socket file and releases the store (arena files are deleted). Trees given to {@code
 * create_data} are checked by the object-type plugin of their typename: the {@link
 * java.util.ServiceLoader} providers visible to this class's class loader, or the registry given.
 */
public final class EmbeddedServer implements AutoCloseable {
  private final BulkStore store;
  private final ServerCore core;
  private final Path socket;

  private EmbeddedServer(BulkStore store, ServerCore core, Path socket) {
    this.store = store;
    this.core = core;
    this.socket = socket;
  }

  /**
   * Starts an instance with ID 0, checking trees with the plugins on this class's class path.
   *
   * @param socket the UNIX socket to serve
   * @param shmDir the folder (normally under {@code /dev/shm}) for the store's arena files
   * @param sizeBytes the memory limit
   */
  public static EmbeddedServer start(Path socket, Path shmDir, long sizeBytes) throws IOException {
    return start(socket, shmDir, sizeBytes, MetadataServices.local(0));
  }

  /** Starts an instance with ID 0 that checks trees with the given plugins. */
  public static EmbeddedServer start(
      Path socket, Path shmDir, long sizeBytes, PluginRegistry plugins) throws IOException {
    return start(socket, shmDir, sizeBytes, MetadataServices.local(0), plugins);
  }

  /**
   * Starts an instance over the given metadata service, with the plugins on this class's class
   * path.
   */
  public static EmbeddedServer start(Path socket, Path shmDir, long sizeBytes, MetadataService meta)
      throws IOException {
    return start(
        socket,
        shmDir,
        sizeBytes,
        meta,
        PluginRegistry.serviceLoader(EmbeddedServer.class.getClassLoader()));
  }

  /**
   * Starts an instance over the given metadata service that checks trees with the given plugins.
   */
  public static EmbeddedServer start(
      Path socket, Path shmDir, long sizeBytes, MetadataService meta, PluginRegistry plugins)
      throws IOException {
    BulkStore store = BulkStores.open(shmDir, sizeBytes);
    try {
      return new EmbeddedServer(store, ServerCore.start(socket, store, meta, plugins), socket);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The socket served. */
  public Path socket() {
    return socket;
  }

  /**
   * Also serves the RPC endpoint, on a free loopback port (as {@code vineyardd --rpc
   * --rpc-socket-port 0}).
   *
   * @return its endpoint, {@code 127.0.0.1:PORT}
   */
  public String startRpc() throws IOException {
    core.startRpc("127.0.0.1", 0, 64L << 20);
    return core.rpcEndpoint();
  }

  /** The instance's bulk store (to inspect memory use in tests). */
  public BulkStore store() {
    return store;
  }

  @Override
  public void close() {
    core.close();
    store.close();
  }
}
