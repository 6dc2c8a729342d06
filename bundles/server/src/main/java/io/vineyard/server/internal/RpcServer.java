package io.vineyard.server.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * vineyardd's RPC endpoint: a TCP listener whose connections speak the same protocol as the IPC
 * socket, through the same dispatcher, with payload bytes carried over the connection instead of
 * fds (clients on other hosts cannot map this host's shared memory).
 *
 * <p>There is no authentication on this port (vineyardd has none either): whoever reaches it reads
 * and writes every object. Hence it is off unless configured, and bound to loopback unless an
 * address is given.
 */
final class RpcServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RpcServer.class.getName());

  private final ServerCore core;
  private final ServerSocketChannel listener;
  private final long maxFrame;
  private final String endpoint;
  private final Thread acceptor;
  private volatile boolean closed;

  private RpcServer(ServerCore core, ServerSocketChannel listener, long maxFrame, String endpoint) {
    this.core = core;
    this.listener = listener;
    this.maxFrame = maxFrame;
    this.endpoint = endpoint;
    this.acceptor = Thread.ofPlatform().name("vineyard-rpc-accept").daemon().unstarted(this::loop);
  }

  /**
   * Binds {@code bind}:{@code port} (0: a free port) and starts accepting.
   *
   * @throws java.net.BindException naming the address when it is taken
   */
  static RpcServer start(ServerCore core, String bind, int port, long maxFrame) throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(new InetSocketAddress(InetAddress.getByName(bind), port), 128);
    } catch (IOException e) {
      ch.close();
      // no cause: the launcher prints the innermost message, and this one names the address
      throw new java.net.BindException(
          "cannot serve the RPC endpoint on "
              + bind
              + ":"
              + port
              + ": "
              + e.getMessage()
              + " (--rpc-socket-port, --rpc-bind)");
    }
    InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
    RpcServer server = new RpcServer(core, ch, maxFrame, advertised(local));
    server.acceptor.start();
    LOG.log(
        Level.INFO,
        "serving RPC on "
            + local.getAddress().getHostAddress()
            + ":"
            + local.getPort()
            + " (endpoint "
            + server.endpoint
            + ", frames up to "
            + maxFrame
            + " bytes)");
    return server;
  }

  /**
   * The endpoint peers connect to: the bound address, or this host's name when bound to every
   * address.
   */
  private static String advertised(InetSocketAddress local) {
    InetAddress a = local.getAddress();
    String host;
    if (a.isAnyLocalAddress()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        host = "localhost";
      }
    } else {
      host = a.getHostAddress();
      if (host.indexOf(':') >= 0) {
        host = "[" + host + "]";
      }
    }
    return host + ":" + local.getPort();
  }

  String endpoint() {
    return endpoint;
  }

  private void loop() {
    while (!closed) {
      SocketChannel s;
      try {
        s = listener.accept();
        s.setOption(StandardSocketOptions.TCP_NODELAY, true);
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.ERROR, "RPC accept failed on " + endpoint + "; no longer serving", e);
        }
        return;
      }
      core.adopt(new TcpWire(s, maxFrame), "vineyard-rpc-");
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
      acceptor.join(5000);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing the RPC listener: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
