package io.vineyard.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The one codec of the protocol: message records to frame bodies and back, metadata trees to bytes
 * and back. Field names are vineyardd's (snake case); its quirks live in one (de)serializer each
 * ({@link IdJson}, {@link PayloadJson}, {@link BufferJson}, {@link MetaJson}).
 *
 * <p>Every failure to read a message becomes {@link VineyardException.Invalid} naming the field, as
 * vineyardd answers them (code 1).
 */
public final class Codec {
  private static final ObjectMapper MAPPER = mapper();
  private static final ObjectReader REQUESTS = MAPPER.readerFor(Request.class);
  private static final ObjectReader REPLIES = MAPPER.readerFor(Reply.class);
  private static final ObjectReader METAS = MAPPER.readerFor(ObjectMeta.class);

  private Codec() {}

  private static ObjectMapper mapper() {
    SimpleModule wire =
        MetaJson.module()
            .addSerializer(ObjectId.class, new IdJson.IdWriter())
            .addDeserializer(ObjectId.class, new IdJson.IdReader())
            .addSerializer(Payload.class, new PayloadJson.Writer())
            .addDeserializer(Payload.class, new PayloadJson.Reader());
    ObjectMapper m =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(wire)
            .build();
    // a label or a name is text: a number where text belongs is a client's mistake, not a value
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    for (Command c : Command.values()) {
      m.registerSubtypes(new NamedType(c.requestType(), c.request()));
      if (c.replyType() != null && Command.replyName(c.replyType()).equals(c.reply())) {
        m.registerSubtypes(new NamedType(c.replyType(), c.reply()));
      }
    }
    return m;
  }

  /** A message (request, reply or error reply) as a frame body: compact UTF-8 JSON. */
  public static byte[] encode(Object message) {
    try {
      return MAPPER.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /**
   * Reads a request.
   *
   * @throws VineyardException.Invalid naming what is wrong: not JSON, not an object, no or an
   *     unknown {@code type}, a missing or malformed field
   */
  public static Request<?> decodeRequest(byte[] body) {
    if (!isObject(body)) {
      // Jackson would take an array as [type, value]: vineyardd wants an object
      throw new VineyardException.Invalid("Invalid message: expected a JSON object");
    }
    try {
      return REQUESTS.readValue(body);
    } catch (InvalidTypeIdException e) {
      throw new VineyardException.Invalid(
          e.getTypeId() == null
              ? "Invalid message: no 'type' field"
              : "Got unexpected command: " + e.getTypeId());
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
  }

  /**
   * Reads a reply and checks it: the typed exception of an error reply, or {@link
   * VineyardException.Invalid} when it is not the reply {@code command} expects.
   */
  public static <R extends Reply> R decodeReply(byte[] body, Command command, Class<R> type) {
    Reply reply;
    try {
      reply = REPLIES.readValue(body);
    } catch (IOException | RuntimeException e) {
      throw invalid(e);
    }
    if (type.isInstance(reply) && !(reply instanceof ErrorReply e && e.code() != 0)) {
      return type.cast(reply);
    }
    ErrorReply error =
        reply instanceof ErrorReply e
            ? e
            : new ErrorReply(Command.replyName(reply.getClass()), 0, null);
    throw error.exception(command);
  }

  /** A metadata tree as compact JSON (for durable logs and replication). */
  public static byte[] encodeMeta(ObjectMeta meta) {
    return encode(meta);
  }

  /**
   * Reads a metadata tree.
   *
   * @throws VineyardException.MetaTreeInvalid when the bytes are not a JSON object
   */
  public static ObjectMeta decodeMeta(byte[] json) {
    try {
      return METAS.readValue(json);
    } catch (IOException e) {
      throw new VineyardException.MetaTreeInvalid("not a metadata tree: " + e.getMessage());
    }
  }

  /** Whether the body's first significant byte opens an object (or the body is not JSON at all). */
  private static boolean isObject(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return b == '{' || b != '[' && !Character.isLetterOrDigit(b) && b != '"' && b != '-';
      }
    }
    return true; // empty: the parser says what is wrong
  }

  /**
   * The message for a failure to read: the VineyardException a reader threw, prefixed by its field.
   */
  private static VineyardException invalid(Exception e) {
    String field =
        e instanceof JsonMappingException m && !m.getPath().isEmpty()
            ? m.getPath().stream()
                .map(
                    r ->
                        r.getFieldName() != null
                            ? r.getFieldName()
                            : Integer.toString(r.getIndex()))
                .collect(Collectors.joining("/"))
            : null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof VineyardException v) {
        if (field == null || !(v instanceof VineyardException.Invalid)) {
          return v;
        }
        return new VineyardException.Invalid("field '" + field + "': " + v.getMessage());
      }
    }
    if (e instanceof StreamReadException && !(e instanceof JsonMappingException)) {
      return new VineyardException.Invalid(
          "Failed to parse the JSON message: " + ((JacksonException) e).getOriginalMessage());
    }
    String what =
        e instanceof JacksonException j ? j.getOriginalMessage() : String.valueOf(e.getMessage());
    return new VineyardException.Invalid(
        field == null ? "Invalid message: " + what : "field '" + field + "': " + what);
  }
}
