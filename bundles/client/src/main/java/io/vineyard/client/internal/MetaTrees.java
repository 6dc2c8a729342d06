package io.vineyard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading metadata trees as vineyardd's client does. */
final class MetaTrees {
  private MetaTrees() {}

  /**
   * Adds to {@code out} every blob in the tree (walking nested objects) whose {@code instance_id}
   * is {@code instanceId}: the blobs this client can map (vineyardd's {@code findAllBlobs}).
   */
  static void localBlobs(JsonNode tree, long instanceId, Set<ObjectId> out) {
    if (!tree.isObject()) {
      return;
    }
    JsonNode id = tree.get("id");
    JsonNode instance = tree.get("instance_id");
    if (id != null && id.isTextual() && tree.has("typename") && instance != null && instance.isIntegralNumber()
        && instance.bigIntegerValue().longValue() == instanceId) {
      try {
        ObjectId oid = ObjectId.parse(id.asText());
        if (oid.isBlob()) {
          out.add(oid);
        }
      } catch (IllegalArgumentException e) {
        throw new VineyardException.MetaTreeInvalid("metadata tree with a bad id: " + e.getMessage());
      }
    }
    for (JsonNode child : tree) {
      if (child.isObject()) {
        localBlobs(child, instanceId, out);
      }
    }
  }

  /** The trees of a get_data_reply's {@code content}. */
  static List<ObjectMeta> content(ObjectNode reply) {
    JsonNode content = reply.get("content");
    List<ObjectMeta> out = new ArrayList<>();
    if (content != null && content.isObject()) {
      content.forEach(tree -> out.add(ObjectMeta.of(tree)));
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
    return tree != null && tree.isObject() ? ObjectMeta.of(tree) : null;
  }
}
