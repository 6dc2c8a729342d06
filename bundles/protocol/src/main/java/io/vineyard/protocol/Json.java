package io.vineyard.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one JSON codec of the protocol: message bytes to trees and back, and typed field access
 * whose failures name the field ({@link VineyardException.Invalid}).
 *
 * <p>Object IDs are unsigned 64-bit JSON numbers on the wire; blob IDs exceed 2^63, so they are
 * written as unsigned decimals and read back from any integral JSON number (or, leniently, from
 * the {@code o…} text form).
 */
public final class Json {
  /** The shared mapper (thread-safe once configured). */
  public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(MetaJson.module());

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private Json() {}

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A new empty JSON array. */
  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Serialises a tree compactly as UTF-8. */
  public static byte[] encode(JsonNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /**
   * Parses a message body, which must be a JSON object.
   *
   * @throws VineyardException.Invalid naming the parse error
   */
  public static ObjectNode decode(byte[] body) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new VineyardException.Invalid("Failed to parse the JSON message: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new VineyardException.Invalid("Failed to parse the JSON message: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new VineyardException.Invalid("Invalid message: expected a JSON object, got " + (n == null ? "nothing" : n.getNodeType()));
    }
    return (ObjectNode) n;
  }

  /** A metadata tree as a JSON tree. */
  public static ObjectNode tree(ObjectMeta meta) {
    return MAPPER.valueToTree(meta);
  }

  /**
   * A JSON tree as a metadata tree.
   *
   * @throws VineyardException.MetaTreeInvalid when it is not a JSON object
   */
  public static ObjectMeta meta(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw new VineyardException.MetaTreeInvalid("a metadata tree must be a JSON object, got " + tree);
    }
    return MAPPER.convertValue(tree, ObjectMeta.class);
  }

  /** Writes an ID as an unsigned JSON number. */
  public static void putId(ObjectNode out, String field, ObjectId id) {
    out.set(field, idNode(id));
  }

  /** An ID as an unsigned JSON number node. */
  public static JsonNode idNode(ObjectId id) {
    long v = id.value();
    return v >= 0 ? NODES.numberNode(v) : NODES.numberNode(BigInteger.valueOf(v).add(TWO_64));
  }

  /** Writes IDs as an array of unsigned JSON numbers. */
  public static void putIds(ObjectNode out, String field, Collection<ObjectId> ids) {
    ArrayNode a = out.putArray(field);
    ids.forEach(id -> a.add(idNode(id)));
  }

  /** Reads a required ID field. */
  public static ObjectId id(JsonNode in, String field) {
    return toId(in.get(field), field);
  }

  /** Reads an ID from a node: an unsigned integral number, or the {@code o…} text form. */
  public static ObjectId toId(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      throw new VineyardException.Invalid("missing field '" + field + "' (an object id)");
    }
    if (n.isIntegralNumber()) {
      BigInteger b = n.bigIntegerValue();
      if (b.signum() < 0 || b.bitLength() > 64) {
        throw new VineyardException.Invalid("field '" + field + "': " + b + " is not an unsigned 64-bit object id");
      }
      return ObjectId.of(b.longValue());
    }
    if (n.isTextual()) {
      try {
        return ObjectId.parse(n.asText());
      } catch (IllegalArgumentException e) {
        throw new VineyardException.Invalid("field '" + field + "': " + e.getMessage());
      }
    }
    throw new VineyardException.Invalid("field '" + field + "': expected an object id (unsigned number), got " + n.getNodeType());
  }

  /** Reads a field holding one ID or an array of IDs. */
  public static List<ObjectId> ids(JsonNode in, String field) {
    JsonNode n = in.get(field);
    List<ObjectId> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      for (JsonNode e : n) {
        out.add(toId(e, field));
      }
    } else {
      out.add(toId(n, field));
    }
    return out;
  }

  /** Reads a required integral field. */
  public static Long requiredLong(JsonNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      throw new VineyardException.Invalid("missing field '" + field + "'");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new VineyardException.Invalid("field '" + field + "': expected an integer, got " + n);
    }
    return n.asLong();
  }

  /** Reads a required text field. */
  public static String requiredText(JsonNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || !n.isTextual()) {
      throw new VineyardException.Invalid(n == null ? "missing field '" + field + "'" : "field '" + field + "': expected a string, got " + n.getNodeType());
    }
    return n.asText();
  }

  /** Reads an optional boolean field (absent: the default). */
  public static boolean bool(JsonNode in, String field, boolean dflt) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isBoolean()) {
      throw new VineyardException.Invalid("field '" + field + "': expected true or false, got " + n);
    }
    return n.asBoolean();
  }

  /** Reads an optional integral field (absent: the default). */
  public static long longOr(JsonNode in, String field, long dflt) {
    JsonNode n = in.get(field);
    return n == null || n.isNull() ? dflt : requiredLong(in, field);
  }
}
