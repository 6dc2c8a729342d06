package io.vineyard.client.internal;

import io.vineyard.api.InstanceStatus;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Codec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The status record from instance_status_reply's open-ended {@code meta}. */
final class Replies {
  private static final Set<String> STANDARD =
      Set.of(
          "instance_id",
          "deployment",
          "memory_usage",
          "memory_limit",
          "deferred_requests",
          "ipc_connections",
          "rpc_connections",
          "objects");

  private Replies() {}

  /** A required unsigned 64-bit number of the status as its raw bits. */
  private static long unsigned(Map<String, Object> m, String field) {
    Object n = m.get(field);
    if (n instanceof Integer || n instanceof Long || n instanceof BigInteger) {
      return ((Number) n).longValue();
    }
    throw new VineyardException.Invalid(
        "missing or non-integer field '" + field + "' in instance_status_reply");
  }

  /**
   * instance_status_reply's {@code meta}: all seven fields are required, as vineyardd's client
   * requires them.
   */
  static InstanceStatus status(Map<String, Object> m) {
    if (m == null) {
      throw new VineyardException.Invalid("instance_status_reply has no 'meta' object");
    }
    if (!(m.get("deployment") instanceof String deployment)) {
      throw new VineyardException.Invalid("instance_status_reply: missing text field 'deployment'");
    }
    Map<String, Object> extra = new TreeMap<>();
    m.forEach(
        (k, v) -> {
          if (!STANDARD.contains(k)) {
            extra.put(
                k,
                v instanceof Number || v instanceof Boolean || v instanceof String
                    ? v
                    : new String(Codec.encode(v), StandardCharsets.UTF_8));
          }
        });
    return new InstanceStatus(
        unsigned(m, "instance_id"),
        deployment,
        unsigned(m, "memory_usage"),
        unsigned(m, "memory_limit"),
        unsigned(m, "deferred_requests"),
        unsigned(m, "ipc_connections"),
        unsigned(m, "rpc_connections"),
        m.get("objects") instanceof Number n ? n.longValue() : -1,
        Collections.unmodifiableMap(extra));
  }
}
