package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.meta.MetadataServices;
import io.vineyard.store.BulkStore;
import io.vineyard.store.BulkStores;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions a server started (new_session_request), as vineyardd runs them: each is a server of
 * its own on the socket {@code <socket>.s<16 hex digits>}, with its own bulk store (a shared-memory
 * folder beside the instance's, capped at the same {@code --size}, freed when the session ends) and
 * its own metadata (a namespace of its own, on this instance only). A session ends once it was
 * deleted and its last client left; all end when the instance stops.
 */
final class SessionServers {
  private static final System.Logger LOG = System.getLogger(SessionServers.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Sessions running at once, at most: each holds a socket, a thread and a store folder, and a
   * client must not be able to exhaust them.
   */
  static final int MAX_SESSIONS = 64;

  private final ServerCore parent;
  private final Map<Long, Running> running = new ConcurrentHashMap<>();

  private record Running(ServerCore core, BulkStore store, Path socket) {}

  SessionServers(ServerCore parent) {
    this.parent = parent;
  }

  /** Starts a session; returns its socket path. */
  synchronized Path create() {
    if (running.size() >= MAX_SESSIONS) {
      throw new VineyardException.Invalid(
          "cannot start a new session: "
              + MAX_SESSIONS
              + " sessions run already (delete_session_request ends one once its clients left)");
    }
    long id = RANDOM.nextLong() & Long.MAX_VALUE | 1L << 56; // never 0, the root session
    String name = "s" + HexFormat.of().toHexDigits(id);
    Path socket =
        parent.socketPath().resolveSibling(parent.socketPath().getFileName() + "." + name);
    Path shm =
        parent
            .store()
            .arenas()
            .getFirst()
            .path()
            .getParent()
            .resolveSibling(
                parent.store().arenas().getFirst().path().getParent().getFileName() + "-" + name);
    BulkStore store;
    try {
      store = BulkStores.open(shm, parent.store().limit());
    } catch (IOException e) {
      throw new VineyardException.UnknownError(
          "cannot make the store of a new session in " + shm + ": " + e.getMessage());
    }
    try {
      ServerCore core =
          ServerCore.startSession(
              socket,
              store,
              MetadataServices.local(parent.meta().instanceId()),
              parent.plugins(),
              id,
              parent);
      running.put(id, new Running(core, store, socket));
      LOG.log(Level.INFO, "session " + name + " serves " + socket);
      return socket;
    } catch (IOException | RuntimeException e) {
      store.close();
      throw new VineyardException.UnknownError(
          "cannot serve a new session on " + socket + ": " + e.getMessage());
    }
  }

  /**
   * Ends a session of this server once its last client leaves (in a thread of its own: the caller
   * may be one of its connections).
   */
  void delete(long id) {
    Running r = running.get(id);
    if (r != null) {
      r.core.whenIdle(
          () -> Thread.ofPlatform().name("vineyard-session-end").daemon().start(() -> end(id)));
    }
  }

  private void end(long id) {
    Running r = running.remove(id);
    if (r != null) {
      r.core.close();
      r.store.close();
      LOG.log(Level.INFO, "session on " + r.socket + " ended");
    }
  }

  /** The instance stops: every session ends now. */
  void closeAll() {
    for (Long id : running.keySet()) {
      end(id);
    }
  }
}
