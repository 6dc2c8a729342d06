package io.vineyard.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Command;
import java.util.EnumMap;
import java.util.Map;

/** Routes each request to its handler by {@code type}; enforces register-first. */
final class Dispatcher {

  /** Handles one request of a connection. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Session session, ObjectNode request);
  }

  private final Map<Command, Handler> handlers = new EnumMap<>(Command.class);

  Dispatcher(ServerCore core) {
    new InstanceCommands(core).register(handlers);
    new BlobCommands(core).register(handlers);
    new DataCommands(core).register(handlers);
    new PersistCommands(core).register(handlers);
  }

  Reply dispatch(Session session, ObjectNode request) {
    JsonNode typeNode = request.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw new VineyardException.Invalid("Invalid message: no 'type' field");
    }
    String type = typeNode.asText();
    Command command = Command.forRequest(type);
    if (command == null) {
      throw new VineyardException.Invalid("Got unexpected command: " + type);
    }
    if (command == Command.EXIT) {
      return Reply.EXIT;
    }
    if (command != Command.REGISTER && !session.registered()) {
      throw new VineyardException.Invalid("The connection is not registered yet, command is: " + type);
    }
    Handler h = handlers.get(command);
    if (h == null) {
      throw new VineyardException.NotImplemented(type + " is not implemented by this instance yet");
    }
    return h.handle(session, request);
  }
}
