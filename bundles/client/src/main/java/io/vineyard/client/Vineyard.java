package io.vineyard.client;

import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.client.internal.IpcClient;
import io.vineyard.client.internal.RpcConnection;
import io.vineyard.client.internal.SocketPaths;
import java.nio.file.Path;

/**
 * Entry point for plain-JVM programs: connects a {@link VineyardClient} to a Vineyard instance.
 *
 * <p>The returned client owns one socket connection and the shared-memory mappings it makes;
 * everything is released by {@link VineyardClient#close()} (views handed out become invalid then
 * and throw {@link IllegalStateException}). Object types are handled by the {@link
 * io.vineyard.api.spi.ObjectTypePlugin}s on this class's class path ({@link
 * java.util.ServiceLoader}); inside an OSGi framework use {@link VineyardConnector}.
 */
public final class Vineyard {
  /** The environment variable naming the socket when no path is given. */
  public static final String SOCKET_ENV = "VINEYARD_IPC_SOCKET";

  private Vineyard() {}

  /**
   * Connects to the instance listening on {@code socket}, with the plugins found by {@link
   * PluginRegistry#serviceLoader} on this class's class loader.
   *
   * @throws VineyardException.ConnectionFailed naming the socket when nothing listens there
   */
  public static VineyardClient connect(Path socket) {
    return connect(socket, PluginRegistry.serviceLoader(Vineyard.class.getClassLoader()));
  }

  /**
   * Connects to the socket named by {@value #SOCKET_ENV}, or else vineyardd's default: {@code
   * /var/run/vineyard.sock} for root, {@code ~/.local/vineyard/vineyard.sock} otherwise.
   *
   * @throws VineyardException.ConnectionFailed naming the socket when nothing listens there
   */
  public static VineyardClient connect() {
    return connect(SocketPaths.resolve(System.getenv(SOCKET_ENV)));
  }

  /**
   * Connects to the instance listening on {@code socket}, with the given plugins.
   *
   * @throws VineyardException.ConnectionFailed naming the socket when nothing listens there
   */
  public static VineyardClient connect(Path socket, PluginRegistry plugins) {
    return IpcClient.connect(socket, plugins, null);
  }

  /**
   * Connects to an instance's RPC endpoint ({@code vineyardd --rpc}; port 9600 unless {@code
   * --rpc-socket-port} says otherwise), from any host: payloads are copied over TCP.
   *
   * @throws VineyardException.ConnectionFailed naming the endpoint when nothing serves it
   */
  public static RemoteClient connectRemote(String host, int port) {
    return new RemoteClient(RpcConnection.open(host, port));
  }
}
