package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Codec;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.InstanceMessages.ExitRequest;
import io.vineyard.protocol.InstanceMessages.RegisterRequest;
import io.vineyard.protocol.Reply;
import io.vineyard.protocol.Request;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads each request into its record and hands it to the typed handler of its command; enforces
 * register-first.
 */
final class Dispatcher {

  /**
   * Handles one request of a connection; store fds to pass after the reply go to {@link
   * Session#passFd}.
   */
  @FunctionalInterface
  interface Handler<Q extends Request<?>> {
    Reply handle(Session session, Q request);
  }

  /** A command's handler and its index among the metrics' counters. */
  private record Route(Handler<?> handler, int command) {}

  private final Map<Class<?>, Route> handlers = new HashMap<>();
  private final RequestMetrics metrics = new RequestMetrics();

  Dispatcher(ServerCore core) {
    new InstanceCommands(core).register(this);
    new BlobCommands(core).register(this);
    new DataCommands(core).register(this);
    new PersistCommands(core).register(this);
    new SpillCommands(core).register(this);
    new RemoteBufferCommands(core).register(this);
    new MigrateCommands(core).register(this);
    new StoreCommands(core).register(this);
    new ObjectCommands(core).register(this);
    new StreamCommands(core).register(this);
    new LockCommands(core).register(this);
    new SessionCommands(core).register(this);
  }

  <Q extends Request<?>> void on(Class<Q> type, Handler<Q> handler) {
    Command command =
        java.util.Arrays.stream(Command.values())
            .filter(c -> c.requestType() == type)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no command reads " + type));
    handlers.put(type, new Route(handler, command.ordinal()));
  }

  /** The requests served so far, per command. */
  RequestMetrics metrics() {
    return metrics;
  }

  /** The reply to a request body, or null for {@code exit_request} (no reply: close). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Reply dispatch(Session session, byte[] body) {
    Request<?> request = Codec.decodeRequest(body);
    if (request instanceof ExitRequest) {
      return null;
    }
    if (!(request instanceof RegisterRequest) && !session.registered()) {
      throw new VineyardException.Invalid(
          "The connection is not registered yet, command is: " + Command.of(request).request());
    }
    Route route = handlers.get(request.getClass());
    if (route == null) {
      throw new VineyardException.NotImplemented(
          Command.of(request).request() + " is not implemented by this instance yet");
    }
    long start = System.nanoTime();
    boolean failed = true;
    try {
      Reply reply = ((Handler) route.handler()).handle(session, request);
      failed = false;
      return reply;
    } finally {
      metrics.record(route.command(), System.nanoTime() - start, failed);
    }
  }
}
