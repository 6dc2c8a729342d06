package io.vineyard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ClusterInstance;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster-wide requests of a client: persist, names, labels and the cluster's instances. */
final class GlobalCalls {
  private final IpcConnection conn;

  GlobalCalls(IpcConnection conn) {
    this.conn = conn;
  }

  void persist(ObjectId id) {
    ObjectNode req = Json.object();
    Json.putId(req, "id", id);
    conn.call(Command.PERSIST, req);
  }

  boolean isPersisted(ObjectId id) {
    ObjectNode req = Json.object();
    Json.putId(req, "id", id);
    return Json.bool(conn.call(Command.IF_PERSIST, req), "persist", false);
  }

  void putName(ObjectId id, String name) {
    ObjectNode req = Json.object();
    Json.putId(req, "object_id", id);
    req.put("name", checked(name));
    conn.call(Command.PUT_NAME, req);
  }

  void label(ObjectId id, Map<String, String> labels) {
    ObjectNode req = Json.object();
    Json.putId(req, "id", id);
    var keys = req.putArray("keys");
    var values = req.putArray("values");
    labels.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new VineyardException.Invalid("a label's key and value must not be null");
      }
      keys.add(k);
      values.add(v);
    });
    conn.call(Command.LABEL, req);
  }

  ObjectId getName(String name, boolean wait) {
    ObjectNode req = Json.object();
    req.put("name", checked(name));
    req.put("wait", wait);
    return Json.id(conn.call(Command.GET_NAME, req), "object_id");
  }

  Map<String, ObjectId> listNames(String pattern, boolean regex, int limit) {
    if (limit < 0) {
      throw new VineyardException.Invalid("list limit must not be negative, got " + limit);
    }
    ObjectNode req = Json.object();
    req.put("pattern", pattern);
    req.put("regex", regex);
    req.put("limit", limit);
    JsonNode names = conn.call(Command.LIST_NAME, req).path("names");
    Map<String, ObjectId> out = new LinkedHashMap<>();
    names.properties().forEach(e -> out.put(e.getKey(), Json.toId(e.getValue(), "names/" + e.getKey())));
    return out;
  }

  void dropName(String name) {
    ObjectNode req = Json.object();
    req.put("name", checked(name));
    conn.call(Command.DROP_NAME, req);
  }

  List<ClusterInstance> clusterMeta() {
    JsonNode meta = conn.call(Command.CLUSTER_META, Json.object()).path("meta");
    List<ClusterInstance> out = new ArrayList<>();
    meta.properties().forEach(e -> {
      JsonNode i = e.getValue();
      long id = Long.parseUnsignedLong(e.getKey().startsWith("i") ? e.getKey().substring(1) : e.getKey());
      out.add(new ClusterInstance(id, i.path("ipc_socket").asText(""), i.path("hostname").asText(""),
          i.path("rpc_endpoint").asText(""), i.path("status").asText("running"), i.path("timestamp").asLong(0)));
    });
    return out;
  }

  private static String checked(String name) {
    if (name == null || name.isEmpty()) {
      throw new VineyardException.Invalid("a name must not be empty");
    }
    return name;
  }
}
