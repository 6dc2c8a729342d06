package io.vineyard.server.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Errors;
import io.vineyard.protocol.Json;
import java.util.List;

/**
 * What the server sends back for one request: a JSON body, then the store fds to pass with
 * SCM_RIGHTS (in order). A null body means no reply and close ({@code exit_request}).
 */
record Reply(ObjectNode body, List<Integer> fds) {

  static final Reply EXIT = new Reply(null, List.of());

  /** An empty success reply of a command's type. */
  static Reply ok(Command command) {
    return new Reply(body(command), List.of());
  }

  static Reply of(ObjectNode body) {
    return new Reply(body, List.of());
  }

  static Reply error(VineyardException e) {
    return new Reply(Errors.reply(e), List.of());
  }

  /** A fresh reply body carrying the command's reply type. */
  static ObjectNode body(Command command) {
    return Json.object().put("type", command.reply());
  }
}
