package io.vineyard.meta.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What this bundle needs to know about metadata trees: their ID, members, owner and encoding. */
final class Trees {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long INSTANCE_MASK = (1L << 10) - 1;

  private Trees() {}

  static ObjectId id(JsonNode tree) {
    return ObjectId.parse(tree.path("id").asText());
  }

  /** Whether a JSON value inside a tree is a member (a nested tree with an id and a typename). */
  static boolean isMember(JsonNode v) {
    return v.isObject() && v.has("id") && v.has("typename");
  }

  /** The direct members of a tree, by field name. */
  static List<Map.Entry<String, ObjectNode>> members(ObjectNode tree) {
    List<Map.Entry<String, ObjectNode>> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      if (isMember(e.getValue())) {
        out.add(Map.entry(e.getKey(), (ObjectNode) e.getValue()));
      }
    }
    return out;
  }

  /** The IDs of a tree's direct members. */
  static List<ObjectId> memberIds(ObjectNode tree) {
    List<ObjectId> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> m : members(tree)) {
      out.add(id(m.getValue()));
    }
    return out;
  }

  /** The instance a tree says it lives on, or -1 when it does not say. */
  static long instanceOf(JsonNode tree) {
    JsonNode inst = tree.get("instance_id");
    return inst != null && inst.canConvertToLong() ? inst.asLong() : -1;
  }

  /** The instance that generated an ID (DESIGN §2: bits 12..21). */
  static long creatorOf(ObjectId id) {
    return (id.value() >>> 12) & INSTANCE_MASK;
  }

  static byte[] encode(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode decode(byte[] bytes) {
    try {
      return (ObjectNode) MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
