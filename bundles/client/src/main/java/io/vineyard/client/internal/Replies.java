package io.vineyard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vineyard.api.InstanceStatus;
import io.vineyard.api.VineyardException;

/** Fields of replies that the protocol codec does not type: unsigned numbers, the status record. */
final class Replies {
  private static final java.util.Set<String> STANDARD = java.util.Set.of("instance_id", "deployment", "memory_usage",
      "memory_limit", "deferred_requests", "ipc_connections", "rpc_connections", "objects");

  private Replies() {}

  /** A required unsigned 64-bit number (instance IDs, signatures, sizes) as its raw bits. */
  static long unsigned(JsonNode node, String field) {
    JsonNode n = node.get(field);
    if (n == null || !n.isIntegralNumber()) {
      throw new VineyardException.Invalid("missing or non-integer field '" + field + "' in " + node.path("type").asText("a reply"));
    }
    return n.bigIntegerValue().longValue();
  }

  /** instance_status_reply's {@code meta}: all seven fields are required, as vineyardd's client requires them. */
  static InstanceStatus status(JsonNode reply) {
    JsonNode m = reply.path("meta");
    if (!m.isObject()) {
      throw new VineyardException.Invalid("instance_status_reply has no 'meta' object");
    }
    if (!m.path("deployment").isTextual()) {
      throw new VineyardException.Invalid("instance_status_reply: missing text field 'deployment'");
    }
    java.util.Map<String, Object> extra = new java.util.TreeMap<>();
    m.properties().forEach(e -> {
      if (!STANDARD.contains(e.getKey())) {
        JsonNode v = e.getValue();
        extra.put(e.getKey(), v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.isTextual() ? v.asText() : v.toString());
      }
    });
    return new InstanceStatus(unsigned(m, "instance_id"), m.get("deployment").asText(), unsigned(m, "memory_usage"),
        unsigned(m, "memory_limit"), unsigned(m, "deferred_requests"), unsigned(m, "ipc_connections"),
        unsigned(m, "rpc_connections"), m.path("objects").asLong(-1), java.util.Collections.unmodifiableMap(extra));
  }
}
