package io.vineyard.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.MetadataService;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Global metadata: persist, if_persist, names and labels. Whether "global" means the cluster or this
 * instance's durable store is the metadata service's business, not this class's.
 */
final class PersistCommands {
  /** How long one wait for a name lasts before the connection is checked again. */
  private static final Duration NAME_POLL = Duration.ofMillis(500);

  private final MetadataService meta;

  PersistCommands(ServerCore core) {
    this.meta = core.meta();
  }

  void register(Map<Command, Dispatcher.Handler> h) {
    h.put(Command.PERSIST, (s, r) -> {
      meta.persist(Json.id(r, "id"));
      return Reply.ok(Command.PERSIST);
    });
    h.put(Command.IF_PERSIST, (s, r) -> {
      ObjectId id = Json.id(r, "id");
      if (!id.isBlob() && !meta.contains(id)) {
        throw new VineyardException.MetaTreeSubtreeNotExists("no object " + id);
      }
      ObjectNode reply = Reply.body(Command.IF_PERSIST);
      reply.put("persist", !id.isBlob() && meta.isPersisted(id));
      return Reply.of(reply);
    });
    h.put(Command.PUT_NAME, (s, r) -> {
      meta.putName(name(r), Json.id(r, "object_id"));
      return Reply.ok(Command.PUT_NAME);
    });
    h.put(Command.GET_NAME, this::getName);
    h.put(Command.LABEL, (s, r) -> {
      meta.label(Json.id(r, "id"), labels(r));
      return Reply.ok(Command.LABEL);
    });
    h.put(Command.LIST_NAME, (s, r) -> {
      String pattern = r.has("pattern") ? Json.requiredText(r, "pattern") : "*";
      long limit = Json.longOr(r, "limit", Integer.MAX_VALUE);
      if (limit < 0) {
        throw new VineyardException.Invalid("field 'limit': must not be negative (" + limit + ")");
      }
      Map<String, ObjectId> names = meta.listNames(TypenamePattern.compile(pattern, Json.bool(r, "regex", false)),
          (int) Math.min(limit, Integer.MAX_VALUE));
      ObjectNode reply = Reply.body(Command.LIST_NAME);
      reply.put("size", names.size());
      ObjectNode out = reply.putObject("names");
      names.forEach((n, id) -> out.set(n, Json.idNode(id)));
      return Reply.of(reply);
    });
    h.put(Command.DROP_NAME, (s, r) -> {
      meta.dropName(name(r)); // dropping a name that is not there is fine, as in vineyardd
      return Reply.ok(Command.DROP_NAME);
    });
  }

  private static String name(ObjectNode request) {
    String name = Json.requiredText(request, "name");
    if (name.isEmpty()) {
      throw new VineyardException.Invalid("field 'name': must not be empty");
    }
    return name;
  }

  /** The labels of a label request: {@code keys} and {@code values}, arrays of strings of one length. */
  private static Map<String, String> labels(ObjectNode request) {
    List<String> keys = strings(request, "keys");
    List<String> values = strings(request, "values");
    if (keys.size() != values.size()) {
      throw new VineyardException.Invalid("field 'values': " + values.size() + " values for " + keys.size() + " keys in field 'keys'");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), values.get(i));
    }
    return out;
  }

  /** An array of strings (a lone string counts as one). */
  private static List<String> strings(ObjectNode request, String field) {
    JsonNode n = request.get(field);
    if (n != null && n.isTextual()) {
      return List.of(n.asText());
    }
    if (n == null || !n.isArray()) {
      throw new VineyardException.Invalid("field '" + field + "': missing or not an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw new VineyardException.Invalid("field '" + field + "': not an array of strings (" + e + ")");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** With {@code wait}, blocks this connection (only) until the name appears or the client goes away. */
  private Reply getName(Session session, ObjectNode request) {
    String name = name(request);
    boolean wait = Json.bool(request, "wait", false);
    Optional<ObjectId> id = meta.getName(name, Duration.ZERO);
    while (id.isEmpty() && wait && session.peerConnected()) {
      id = meta.getName(name, NAME_POLL);
    }
    ObjectNode reply = Reply.body(Command.GET_NAME);
    Json.putId(reply, "object_id", id.orElseThrow(() -> new VineyardException.ObjectNotExists("failed to find name: " + name)));
    return Reply.of(reply);
  }
}
