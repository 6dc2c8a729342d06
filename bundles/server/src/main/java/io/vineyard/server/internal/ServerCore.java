package io.vineyard.server.internal;

import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.meta.IdGenerator;
import io.vineyard.meta.MetadataService;
import io.vineyard.posix.UnixServerSocket;
import io.vineyard.posix.UnixSocket;
import io.vineyard.store.BulkStore;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listening socket, its accept thread and one thread per connection.
 *
 * <p>Connections are independent: a request that fails, however malformed, gets an error reply on
 * its own connection and nothing else notices. {@link #close()} stops accepting, ends every
 * connection (releasing what each held) and removes the socket file. Trees are checked by the
 * object-type plugin of their typename before they are stored ({@link PluginValidator}).
 */
public final class ServerCore implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ServerCore.class.getName());

  private final UnixServerSocket listener;
  private final BulkStore store;
  private final MetadataService meta;
  private final IdGenerator ids;
  private final PluginValidator validator;
  private final Dispatcher dispatcher;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final LockTable locks = new LockTable();
  private volatile Deletion deletion;
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextSession = new AtomicLong(1);
  private final Thread acceptor;
  private volatile boolean closed;
  private volatile java.util.Map<String, String> paths = java.util.Map.of();
  private volatile RpcServer rpc;
  private final StoreFiles files = new StoreFiles();
  private final PluginRegistry plugins;
  private final SessionServers sessionServers = new SessionServers(this);
  private volatile long sessionId;
  private volatile ServerCore root;
  private volatile Runnable whenIdle;

  private ServerCore(
      UnixServerSocket listener, BulkStore store, MetadataService meta, PluginRegistry plugins) {
    this.listener = listener;
    this.plugins = plugins;
    this.store = store;
    this.meta = meta;
    this.ids = new IdGenerator(meta.instanceId());
    this.validator = new PluginValidator(plugins);
    this.dispatcher = new Dispatcher(this);
    this.acceptor =
        Thread.ofPlatform().name("vineyard-accept").daemon().unstarted(this::acceptLoop);
  }

  /**
   * Binds the socket and starts serving.
   *
   * @param plugins the object-type plugins that check trees in {@code create_data}; looked up on
   *     every request, so plugins may come and go while the server runs
   * @throws UnixServerSocket.SocketInUseException when another process serves the path
   */
  public static ServerCore start(
      Path socket, BulkStore store, MetadataService meta, PluginRegistry plugins)
      throws IOException {
    return start(socket, store, meta, plugins, null);
  }

  /**
   * Binds the socket and, when {@code rpc} is given, the RPC endpoint, then starts serving: the
   * first register_reply already announces the endpoint.
   *
   * @param rpc the RPC endpoint to serve, or null for none
   * @throws java.net.BindException naming the address when the RPC port is taken (the socket is
   *     released again)
   */
  public static ServerCore start(
      Path socket, BulkStore store, MetadataService meta, PluginRegistry plugins, RpcOptions rpc)
      throws IOException {
    Objects.requireNonNull(plugins, "plugins");
    ServerCore core = new ServerCore(UnixServerSocket.bind(socket, 512), store, meta, plugins);
    if (rpc != null) {
      try {
        core.startRpc(rpc.bind(), rpc.port(), rpc.maxFrame());
      } catch (IOException | RuntimeException e) {
        core.close();
        throw e;
      }
    }
    core.acceptor.start();
    LOG.log(
        Level.INFO,
        "serving "
            + socket
            + " (instance "
            + meta.instanceId()
            + ", memory limit "
            + store.limit()
            + " bytes)");
    return core;
  }

  /**
   * The folders this instance uses, by their {@code instance_status} field ({@code shm_dir}, {@code
   * data_dir}, ...), reported beside the socket so that tools can show them.
   */
  void reportPaths(java.util.Map<String, String> folders) {
    this.paths = java.util.Map.copyOf(folders);
  }

  /** The folders set by {@link #reportPaths}, empty when none were. */
  java.util.Map<String, String> paths() {
    return paths;
  }

  private void acceptLoop() {
    while (!closed) {
      UnixSocket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.ERROR, "accept failed on " + listener.path() + "; no longer serving", e);
        }
        return;
      }
      adopt(new UnixWire(s), "vineyard-conn-");
    }
  }

  /**
   * Where the RPC endpoint listens.
   *
   * @param bind the address to bind
   * @param port the TCP port, 0 for a free one
   * @param maxFrame the largest JSON frame accepted, in bytes
   */
  public record RpcOptions(String bind, int port, long maxFrame) {}

  /** Serves one more connection, of either endpoint, on a thread of its own. */
  void adopt(Wire wire, String threadPrefix) {
    Session session = new Session(nextSession.getAndIncrement(), wire, this);
    sessions.add(session);
    Thread t = Thread.ofPlatform().name(threadPrefix + session.id()).daemon().unstarted(session);
    threads.add(t);
    t.start();
    if (closed) {
      session.shutdown();
    }
  }

  /** The RPC endpoint as register_reply and cluster_meta announce it ({@code 0.0.0.0:0}: none). */
  public String rpcEndpoint() {
    RpcServer rpc = this.rpc;
    return rpc == null ? InstanceCommands.NO_RPC : rpc.endpoint();
  }

  /**
   * Starts the RPC endpoint on {@code bind}:{@code port} (0: a free port) and announces it to the
   * cluster.
   */
  public void startRpc(String bind, int port, long maxFrame) throws IOException {
    RpcServer server = RpcServer.start(this, bind, port, maxFrame);
    this.rpc = server;
    meta.advertiseRpcEndpoint(server.endpoint());
  }

  /** How many connections came through the RPC endpoint. */
  int rpcConnections() {
    return (int) sessions.stream().filter(Session::rpc).count();
  }

  /** Called by a session when it ends: frees what the connection held. */
  void ended(Session session) {
    sessions.remove(session);
    threads.remove(Thread.currentThread());
    store.disconnect(session.id());
    locks.releaseAll(session.id());
    Runnable idle = whenIdle;
    if (idle != null && sessions.isEmpty()) {
      idle.run();
    }
  }

  /**
   * Starts the server of a session (new_session_request): its own socket, store and metadata, the
   * same plugins.
   */
  static ServerCore startSession(
      Path socket,
      BulkStore store,
      MetadataService meta,
      PluginRegistry plugins,
      long sessionId,
      ServerCore root)
      throws IOException {
    ServerCore core = start(socket, store, meta, plugins);
    core.sessionId = sessionId;
    core.root = root;
    return core;
  }

  /** The server of the instance's own socket, which runs the sessions. */
  ServerCore root() {
    return root == null ? this : root;
  }

  /** This server's session: 0 for the instance's own socket, as vineyardd's root session. */
  long sessionId() {
    return sessionId;
  }

  PluginRegistry plugins() {
    return plugins;
  }

  SessionServers sessionServers() {
    return sessionServers;
  }

  /**
   * Runs {@code action} once no connection is left (at once when none is): a deleted session ends
   * with its last client, as vineyardd's does.
   */
  void whenIdle(Runnable action) {
    whenIdle = action;
    if (sessions.isEmpty()) {
      action.run();
    }
  }

  Path socketPath() {
    return listener.path();
  }

  BulkStore store() {
    return store;
  }

  MetadataService meta() {
    return meta;
  }

  IdGenerator ids() {
    return ids;
  }

  StoreFiles files() {
    return files;
  }

  PluginValidator validator() {
    return validator;
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  LockTable locks() {
    return locks;
  }

  /** The one deleter of this server: its deletes are checked and done one at a time. */
  Deletion deletion() {
    Deletion d = deletion;
    if (d == null) {
      synchronized (this) {
        d = deletion;
        if (d == null) {
          deletion = d = new Deletion(store, meta);
        }
      }
    }
    return d;
  }

  /** Whether the server stops: requests that wait give up, the RPC endpoint stops accepting. */
  boolean closed() {
    return closed;
  }

  int connections() {
    return sessions.size() - rpcConnections();
  }

  @Override
  public void close() {
    closed = true;
    sessionServers.closeAll();
    listener.close();
    RpcServer server = rpc;
    if (server != null) {
      server.close();
    }
    sessions.forEach(Session::shutdown);
    try {
      acceptor.join(5000);
      for (Thread t : threads) {
        t.join(5000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    files.close();
    LOG.log(Level.INFO, "stopped serving " + listener.path());
  }
}
