package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.protocol.SessionMessages.DeleteSessionReply;
import io.vineyard.protocol.SessionMessages.DeleteSessionRequest;
import io.vineyard.protocol.SessionMessages.NewSessionReply;
import io.vineyard.protocol.SessionMessages.NewSessionRequest;

/**
 * new_session and delete_session ({@link SessionServers} says what a session is). A session is
 * started by the instance's own server, whichever server is asked; delete_session ends the session
 * of the connection that sends it once its clients are gone, and closes that connection after the
 * reply (on the instance's own socket it closes the connection only: the root session lives as long
 * as the instance).
 */
final class SessionCommands {
  private final ServerCore core;

  SessionCommands(ServerCore core) {
    this.core = core;
  }

  void register(Dispatcher d) {
    d.on(
        NewSessionRequest.class,
        (s, r) -> {
          Object type = r.bulkStoreType();
          if (!(type == null
              || type instanceof Number n && n.intValue() == 1
              || type instanceof String t && t.equalsIgnoreCase("normal"))) {
            throw new VineyardException.Invalid(
                "field 'bulk_store_type': only the default store (1) is served, not " + type);
          }
          return new NewSessionReply(core.root().sessionServers().create().toString());
        });
    d.on(
        DeleteSessionRequest.class,
        (s, r) -> {
          s.closeAfterReply();
          if (core.sessionId() != 0) {
            core.root().sessionServers().delete(core.sessionId());
          }
          return new DeleteSessionReply();
        });
  }
}
