package io.vineyard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import io.vineyard.protocol.BlobMessages.GetBuffersRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * vineyardd's numbered keys: {@code get_buffers_request} names its blobs as {@code num} and {@code
 * "0"}, {@code "1"}, …; older servers answer {@code get_buffers_reply} that way too.
 */
final class BufferJson {
  private BufferJson() {}

  static final class RequestWriter extends StdSerializer<GetBuffersRequest> {
    private static final long serialVersionUID = 1L;

    RequestWriter() {
      super(GetBuffersRequest.class);
    }

    @Override
    public void serialize(GetBuffersRequest r, JsonGenerator g, SerializerProvider p)
        throws IOException {
      g.writeStartObject();
      fields(r, g);
      g.writeEndObject();
    }

    @Override
    public void serializeWithType(
        GetBuffersRequest r, JsonGenerator g, SerializerProvider p, TypeSerializer t)
        throws IOException {
      WritableTypeId id = t.writeTypePrefix(g, t.typeId(r, JsonToken.START_OBJECT));
      fields(r, g);
      t.writeTypeSuffix(g, id);
    }

    private static void fields(GetBuffersRequest r, JsonGenerator g) throws IOException {
      g.writeNumberField("num", r.ids().size());
      for (int i = 0; i < r.ids().size(); i++) {
        g.writeFieldName(Integer.toString(i));
        IdJson.writeUnsigned(r.ids().get(i).value(), g);
      }
      g.writeBooleanField("unsafe", r.unsafe());
    }
  }

  static final class RequestReader extends StdDeserializer<GetBuffersRequest> {
    private static final long serialVersionUID = 1L;

    RequestReader() {
      super(GetBuffersRequest.class);
    }

    @Override
    public GetBuffersRequest deserialize(JsonParser p, DeserializationContext ctx)
        throws IOException {
      List<ObjectId> array = null;
      TreeMap<Integer, ObjectId> numbered = new TreeMap<>();
      Long num = null;
      boolean unsafe = false;
      for (String field = fieldOf(p); field != null; field = p.nextFieldName()) {
        p.nextToken();
        if (field.equals("ids") && p.currentToken() == JsonToken.START_ARRAY) {
          array = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            array.add(ObjectId.of(IdJson.bits(p, "an object id (field 'ids')")));
          }
        } else if (field.equals("num")) {
          num = numField(p);
        } else if (field.equals("unsafe")) {
          unsafe = p.getValueAsBoolean();
        } else if (isIndex(field)) {
          numbered.put(
              Integer.parseInt(field),
              ObjectId.of(IdJson.bits(p, "an object id (field '" + field + "')")));
        } else {
          p.skipChildren();
        }
      }
      if (array != null) {
        return new GetBuffersRequest(array, unsafe);
      }
      if (num == null) {
        throw new VineyardException.Invalid("missing field 'num'");
      }
      long n = num;
      return new GetBuffersRequest(
          inOrder(
              numbered,
              n,
              i -> "field 'num': " + n + " does not match the ids given (no \"" + i + "\")"),
          unsafe);
    }
  }

  static final class ReplyReader extends StdDeserializer<GetBuffersReply> {
    private static final long serialVersionUID = 1L;

    ReplyReader() {
      super(GetBuffersReply.class);
    }

    @Override
    public GetBuffersReply deserialize(JsonParser p, DeserializationContext ctx)
        throws IOException {
      List<Payload> array = null;
      TreeMap<Integer, Payload> numbered = new TreeMap<>();
      List<Integer> fds = null;
      long num = 0;
      boolean compress = false;
      for (String field = fieldOf(p); field != null; field = p.nextFieldName()) {
        p.nextToken();
        switch (field) {
          case "payloads" -> array = List.of(ctx.readValue(p, Payload[].class));
          case "fds" -> fds = List.of(ctx.readValue(p, Integer[].class));
          case "num" -> num = numField(p);
          case "compress" -> compress = p.getValueAsBoolean();
          default -> {
            if (isIndex(field)) {
              numbered.put(Integer.parseInt(field), ctx.readValue(p, Payload.class));
            } else {
              p.skipChildren();
            }
          }
        }
      }
      if (array == null) {
        long n = num;
        array =
            inOrder(
                numbered,
                n,
                i ->
                    "get_buffers_reply announces "
                        + n
                        + " payloads but has no payload \""
                        + i
                        + "\"");
      }
      return new GetBuffersReply(array, fds, array.size(), compress);
    }
  }

  /**
   * The values under "0" to "num - 1", in that order; a missing one fails with {@code missing(i)}.
   */
  private static <T> List<T> inOrder(
      Map<Integer, T> numbered, long num, IntFunction<String> missing) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      T value = numbered.get(i);
      if (value == null) {
        throw new VineyardException.Invalid(missing.apply(i));
      }
      out.add(value);
    }
    return out;
  }

  /** The current field name, whether the parser stands at the object's start or already in it. */
  private static String fieldOf(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      return p.nextFieldName();
    }
    return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
  }

  private static long numField(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
      throw new VineyardException.Invalid(
          "field 'num': expected a non-negative integer, got " + p.getText());
    }
    return p.getLongValue();
  }

  private static boolean isIndex(String field) {
    return !field.isEmpty() && field.length() < 10 && field.chars().allMatch(Character::isDigit);
  }
}
