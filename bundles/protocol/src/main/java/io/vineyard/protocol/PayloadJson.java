package io.vineyard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.io.IOException;

/**
 * vineyardd's Payload JSON, with its one quirk: {@code map_size} is the mapping length + 8 (its
 * clients map {@code map_size - 8}, "realign"); the empty blob, which has no file, says 0.
 */
final class PayloadJson {
  /** The extra bytes vineyardd adds to {@code map_size}. */
  static final long REALIGN = 8;

  private PayloadJson() {}

  static final class Writer extends StdSerializer<Payload> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(Payload.class);
    }

    @Override
    public void serialize(Payload p, JsonGenerator g, SerializerProvider sp) throws IOException {
      g.writeStartObject();
      g.writeFieldName("object_id");
      IdJson.writeUnsigned(p.objectId().value(), g);
      g.writeNumberField("store_fd", p.storeFd());
      g.writeNumberField("data_offset", p.dataOffset());
      g.writeNumberField("data_size", p.dataSize());
      g.writeNumberField(
          "map_size", p.storeFd() < 0 && p.mappingLength() == 0 ? 0 : p.mappingLength() + REALIGN);
      g.writeNumberField("pointer", p.pointer());
      g.writeBooleanField("is_sealed", p.sealed());
      g.writeBooleanField("is_owner", p.owner());
      g.writeBooleanField("is_gpu", false);
      g.writeEndObject();
    }
  }

  static final class Reader extends StdDeserializer<Payload> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(Payload.class);
    }

    @Override
    public Payload deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new VineyardException.Invalid(
            "a payload must be a JSON object, got " + p.currentToken());
      }
      ObjectId id = null;
      Long storeFd = null;
      Long offset = null;
      Long size = null;
      Long mapSize = null;
      long pointer = 0;
      boolean sealed = false;
      boolean owner = true;
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        p.nextToken();
        switch (field) {
          case "object_id" -> id = ObjectId.of(IdJson.bits(p, "an object id"));
          case "store_fd" -> storeFd = p.getValueAsLong();
          case "data_offset" -> offset = p.getValueAsLong();
          case "data_size" -> size = p.getValueAsLong();
          case "map_size" -> mapSize = p.getValueAsLong();
          case "pointer" -> pointer = p.getValueAsLong();
          case "is_sealed" -> sealed = p.getValueAsBoolean();
          case "is_owner" -> owner = p.getValueAsBoolean();
          default -> p.skipChildren();
        }
      }
      if (id == null || storeFd == null || offset == null || size == null || mapSize == null) {
        throw new VineyardException.Invalid(
            "a payload needs object_id, store_fd, data_offset, data_size and map_size");
      }
      return new Payload(
          id,
          storeFd.intValue(),
          offset,
          size,
          mapSize == 0 ? 0 : mapSize - REALIGN,
          pointer,
          sealed,
          owner);
    }
  }
}
