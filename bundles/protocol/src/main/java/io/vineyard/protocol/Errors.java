package io.vineyard.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.VineyardException;

/** Error replies: {@code {"code": int, "message": str}}, with no {@code type}, as vineyardd sends them. */
public final class Errors {
  private Errors() {}

  /** The error reply for an exception. */
  public static ObjectNode reply(VineyardException e) {
    ObjectNode out = Json.object();
    out.put("code", e.code().code());
    out.put("message", e.getMessage() == null ? e.code().name() : e.getMessage());
    return out;
  }

  /**
   * Checks a reply: throws the typed exception of an error reply, or {@link
   * VineyardException.Invalid} when the reply's type is not the expected one.
   */
  public static ObjectNode check(ObjectNode reply, Command command) {
    JsonNode code = reply.get("code");
    if (code != null && code.asInt(0) != 0) {
      throw VineyardException.of(code.asInt(), reply.path("message").asText(""));
    }
    String type = reply.path("type").asText("");
    if (!type.equals(command.reply())) {
      throw new VineyardException.Invalid("unexpected reply to " + command.request() + ": type '" + type + "', expected '" + command.reply() + "'");
    }
    return reply;
  }
}
