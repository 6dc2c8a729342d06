package io.vineyard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON binding of {@link ObjectMeta}: a tree is written straight from its entries and read into
 * plain values that {@link ObjectMeta#of} turns into a tree (the member rule is the API's).
 */
final class MetaJson {
  private MetaJson() {}

  /** The module binding ObjectMeta in a mapper. */
  static SimpleModule module() {
    return new SimpleModule("vineyard-meta")
        .addSerializer(ObjectMeta.class, new Writer())
        .addDeserializer(ObjectMeta.class, new Reader());
  }

  private static final class Writer extends StdSerializer<ObjectMeta> {
    private static final long serialVersionUID = 1L;

    Writer() {
      super(ObjectMeta.class);
    }

    @Override
    public void serialize(ObjectMeta meta, JsonGenerator g, SerializerProvider p)
        throws IOException {
      write(meta.entries(), g);
    }

    private static void write(Object v, JsonGenerator g) throws IOException {
      switch (v) {
        case null -> g.writeNull();
        case String s -> g.writeString(s);
        case Long l -> g.writeNumber(l);
        case Boolean b -> g.writeBoolean(b);
        case ObjectMeta m -> write(m.entries(), g);
        case Double d -> g.writeNumber(d);
        case BigInteger b -> g.writeNumber(b);
        case Map<?, ?> m -> {
          g.writeStartObject();
          for (Map.Entry<?, ?> e : m.entrySet()) {
            g.writeFieldName((String) e.getKey());
            write(e.getValue(), g);
          }
          g.writeEndObject();
        }
        case List<?> l -> {
          g.writeStartArray();
          for (Object e : l) {
            write(e, g);
          }
          g.writeEndArray();
        }
        default -> throw new IllegalStateException("not a metadata value: " + v.getClass());
      }
    }
  }

  private static final class Reader extends StdDeserializer<ObjectMeta> {
    private static final long serialVersionUID = 1L;

    Reader() {
      super(ObjectMeta.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ObjectMeta deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw new VineyardException.MetaTreeInvalid(
            "a metadata tree must be a JSON object, got " + p.currentToken());
      }
      return ObjectMeta.of(p.readValueAs(LinkedHashMap.class));
    }
  }
}
