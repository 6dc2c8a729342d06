package io.vineyard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.protocol.Json;
import java.util.ArrayList;
import java.util.List;

/** Reading metadata trees as vineyardd's client does. */
final class MetaTrees {
  private MetaTrees() {}

  /** The trees of a get_data_reply's {@code content}. */
  static List<ObjectMeta> content(ObjectNode reply) {
    JsonNode content = reply.get("content");
    List<ObjectMeta> out = new ArrayList<>();
    if (content != null && content.isObject()) {
      content.forEach(tree -> out.add(Json.meta(tree)));
    }
    return out;
  }

  /** The tree for {@code id} in a get_data_reply, or null when the server omitted it. */
  static ObjectMeta find(ObjectNode reply, ObjectId id) {
    JsonNode content = reply.get("content");
    if (content == null || !content.isObject()) {
      return null;
    }
    JsonNode tree = content.get(id.toString());
    return tree != null && tree.isObject() ? Json.meta(tree) : null;
  }
}
