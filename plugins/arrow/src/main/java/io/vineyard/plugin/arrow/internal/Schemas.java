package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.ResolveContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code vineyard::SchemaProxy}: the schema as an Arrow IPC schema message. Written as vineyard's
 * C++ {@code SchemaProxyBuilder::Build} (modules/basic/ds/arrow.cc) writes it: {@code
 * schema_binary_} is the text of nlohmann's JSON form of a binary value, {@code
 * {"bytes":[...],"subtype":null}} (a json field is stored as its text, object_meta.h's {@code
 * AddKeyValue(key, json)}), and {@code schema_textual_} a JSON text describing the schema. Read in
 * the three forms {@code SchemaProxy::PostConstruct} accepts: that text (or the object itself), or
 * the older member blob {@code buffer_} that vineyard's Python client writes ({@code
 * schema_proxy_builder} in python/vineyard/data/arrow.py).
 */
final class Schemas {
  private Schemas() {}

  /** The IPC schema message of {@code schema} (continuation marker, length, flatbuffer). */
  static byte[] serialize(Schema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array stream does not fail
    }
    return out.toByteArray();
  }

  static Schema deserialize(byte[] message, ObjectMeta where) {
    try {
      return MessageSerializer.deserializeSchema(
          new ReadChannel(Channels.newChannel(new ByteArrayInputStream(message))));
    } catch (IOException | RuntimeException e) {
      throw Trees.invalid(where, "schema_binary_", "is not an Arrow IPC schema message: " + e);
    }
  }

  /** Creates the SchemaProxy object of {@code schema} and returns its tree. */
  static ObjectMeta put(Schema schema, BufferSink sink) {
    byte[] message = serialize(schema);
    StringBuilder binary = new StringBuilder(message.length * 4 + 32).append("{\"bytes\":[");
    for (int i = 0; i < message.length; i++) {
      binary.append(i == 0 ? "" : ",").append(Byte.toUnsignedInt(message[i]));
    }
    binary.append("],\"subtype\":null}");
    return sink.ctx()
        .create(
            ObjectMeta.builder(Typenames.SCHEMA)
                .put("schema_textual_", schema.toJson())
                .put("schema_binary_", binary.toString())
                .nbytes(0)
                .build());
  }

  /** The schema of a SchemaProxy tree. */
  static Schema read(ObjectMeta meta, ResolveContext ctx) {
    if (!meta.typename().equals(Typenames.SCHEMA)) {
      throw Trees.invalid(meta, "typename", "must be " + Typenames.SCHEMA);
    }
    Object binary = meta.value("schema_binary_").orElse(null);
    if (binary instanceof String text) {
      return deserialize(bytesOfText(text, meta), meta);
    }
    if (binary instanceof Map<?, ?> object) {
      return deserialize(bytesOf(object.get("bytes"), meta), meta);
    }
    if (meta.member("buffer_").isPresent()) {
      Blob blob = ctx.blob(Trees.blob(meta, "buffer_"));
      if (!blob.isLocal()) {
        throw new ArrayLoader.RemotePayload(Trees.where(meta) + ".buffer_");
      }
      byte[] message = new byte[(int) blob.size()];
      blob.buffer().get(message);
      return deserialize(message, meta);
    }
    throw Trees.invalid(
        meta, "schema_binary_", "is missing (and there is no member 'buffer_' either)");
  }

  // the "bytes" list of {"bytes":[...],"subtype":...}, read without a JSON library: digits only
  private static byte[] bytesOfText(String text, ObjectMeta meta) {
    int key = text.indexOf("\"bytes\"");
    int open = key < 0 ? -1 : text.indexOf('[', key);
    int close = open < 0 ? -1 : text.indexOf(']', open);
    if (close < 0) {
      throw Trees.invalid(
          meta, "schema_binary_", "must be {\"bytes\":[...]}, got " + abbreviate(text));
    }
    String[] items = text.substring(open + 1, close).split(",");
    if (items.length == 1 && items[0].isBlank()) {
      return new byte[0];
    }
    byte[] out = new byte[items.length];
    for (int i = 0; i < items.length; i++) {
      out[i] = toByte(items[i].trim(), meta);
    }
    return out;
  }

  private static byte[] bytesOf(Object list, ObjectMeta meta) {
    if (!(list instanceof List<?> items)) {
      throw Trees.invalid(meta, "schema_binary_", "must hold a list 'bytes'");
    }
    byte[] out = new byte[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toByte(String.valueOf(items.get(i)), meta);
    }
    return out;
  }

  private static byte toByte(String item, ObjectMeta meta) {
    try {
      int v = Integer.parseInt(item);
      if (v < 0 || v > 255) {
        throw new NumberFormatException();
      }
      return (byte) v;
    } catch (NumberFormatException e) {
      throw new VineyardException.Invalid(
          Trees.where(meta) + ": field 'schema_binary_' holds " + item + ", not a byte 0-255");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
