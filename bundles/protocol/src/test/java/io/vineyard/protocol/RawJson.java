package io.vineyard.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw JSON for tests that speak the wire as another client would (the test-jar of this module):
 * frames as trees, IDs as the numbers they are. Production code uses {@link Codec}.
 */
public final class RawJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RawJson() {}

  /** A frame body as a JSON object. */
  public static ObjectNode decode(byte[] body) {
    try {
      return (ObjectNode) MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tree as a frame body. */
  public static byte[] encode(JsonNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A metadata tree as the JSON it travels as. */
  public static ObjectNode tree(ObjectMeta meta) {
    return decode(Codec.encodeMeta(meta));
  }

  /** The ID in a field: an unsigned (or signed) number, or the text form. */
  public static ObjectId id(JsonNode message, String field) {
    JsonNode n = message.get(field);
    if (n == null) {
      throw new AssertionError("no field '" + field + "' in " + message);
    }
    return n.isTextual()
        ? ObjectId.parse(n.asText())
        : ObjectId.of(n.bigIntegerValue().longValue());
  }

  /** The IDs of an array field. */
  public static List<ObjectId> ids(JsonNode message, String field) {
    List<ObjectId> out = new ArrayList<>();
    message.get(field).forEach(n -> out.add(ObjectId.of(n.bigIntegerValue().longValue())));
    return out;
  }
}
