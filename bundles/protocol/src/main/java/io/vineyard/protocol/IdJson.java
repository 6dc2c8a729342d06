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
import java.math.BigInteger;

/**
 * vineyardd's 64-bit unsigned numbers (object IDs, instance IDs, signatures): written as unsigned
 * JSON numbers; read from any integral number of 64 bits or fewer, where a negative number is the
 * two's complement of the unsigned value (clients that write IDs as signed 64-bit numbers send blob
 * IDs negative), and, for IDs, from the {@code o…} text form as well.
 */
final class IdJson {
  private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private IdJson() {}

  /** The 64 bits of an integral number token, signed or unsigned. */
  static long bits(JsonParser p, String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw new VineyardException.Invalid(
          "expected " + what + " (an unsigned 64-bit number), got " + p.getText());
    }
    if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    BigInteger b = p.getBigIntegerValue();
    if (b.compareTo(MIN) < 0 || b.compareTo(MAX) > 0) {
      throw new VineyardException.Invalid(b + " is not " + what + " (it does not fit 64 bits)");
    }
    return b.longValue();
  }

  static final class IdWriter extends StdSerializer<ObjectId> {
    private static final long serialVersionUID = 1L;

    IdWriter() {
      super(ObjectId.class);
    }

    @Override
    public void serialize(ObjectId id, JsonGenerator g, SerializerProvider p) throws IOException {
      writeUnsigned(id.value(), g);
    }
  }

  static final class IdReader extends StdDeserializer<ObjectId> {
    private static final long serialVersionUID = 1L;

    IdReader() {
      super(ObjectId.class);
    }

    @Override
    public ObjectId deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_STRING) {
        try {
          return ObjectId.parse(p.getText());
        } catch (IllegalArgumentException e) {
          throw new VineyardException.Invalid(e.getMessage());
        }
      }
      return ObjectId.of(bits(p, "an object id"));
    }
  }

  static void writeUnsigned(long v, JsonGenerator g) throws IOException {
    if (v >= 0) {
      g.writeNumber(v);
    } else {
      g.writeNumber(Long.toUnsignedString(v));
    }
  }

  /**
   * For {@code long} components that hold unsigned numbers: {@code @JsonSerialize(using = ...)}.
   */
  public static final class UnsignedWriter extends StdSerializer<Long> {
    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    public UnsignedWriter() {
      super(Long.class);
    }

    @Override
    public void serialize(Long v, JsonGenerator g, SerializerProvider p) throws IOException {
      writeUnsigned(v, g);
    }
  }

  /**
   * For {@code long} components that hold unsigned numbers: {@code @JsonDeserialize(using = ...)}.
   */
  public static final class UnsignedReader extends StdDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    public UnsignedReader() {
      super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      return bits(p, "an unsigned number");
    }
  }
}
