package io.vineyard.ctl;

import io.vineyard.plugin.tensor.Tensor;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A Java value from {@code get} as one printable text: buffers and arrays show their length and
 * their first and last elements (never all of a large one), composites their parts, Python-like
 * ({@code None} for a member whose payload is on another instance).
 */
final class ValueSummary {
  /** Elements shown from the head of a long sequence (and {@link #TAIL} from its end). */
  static final int HEAD = 8;

  static final int TAIL = 2;

  private ValueSummary() {}

  static String of(Object value) {
    return switch (value) {
      case null -> "None";
      case ByteBuffer b -> bytes(b);
      case Buffer b -> elements(b);
      case Tensor t ->
          "tensor "
              + t.valueType().numpyName()
              + " shape "
              + Arrays.toString(t.shape())
              + " order "
              + t.order()
              + ": "
              + of(t.buffer());
      case Collection<?> c -> list(new ArrayList<>(c));
      case Record r -> record(r);
      default -> value.getClass().isArray() ? array(value) : truncate(value.toString());
    };
  }

  private static String list(List<?> items) {
    return sequence(items.size(), i -> of(items.get(i)), "[", "]");
  }

  private static String record(Record r) {
    var parts = r.getClass().getRecordComponents();
    List<String> shown = new ArrayList<>();
    for (var part : parts) {
      try {
        shown.add(of(part.getAccessor().invoke(r)));
      } catch (ReflectiveOperationException e) {
        shown.add("?");
      }
    }
    return "(" + String.join(", ", shown) + ")";
  }

  private static String array(Object array) {
    int n = java.lang.reflect.Array.getLength(array);
    return sequence(n, i -> of(java.lang.reflect.Array.get(array, i)), "[", "]");
  }

  private static String elements(Buffer b) {
    IntFunction<String> at =
        switch (b) {
          case DoubleBuffer d -> i -> Double.toString(d.get(d.position() + i));
          case FloatBuffer f -> i -> Float.toString(f.get(f.position() + i));
          case LongBuffer l -> i -> Long.toString(l.get(l.position() + i));
          case IntBuffer n -> i -> Integer.toString(n.get(n.position() + i));
          case ShortBuffer s -> i -> Short.toString(s.get(s.position() + i));
          case CharBuffer c -> i -> Character.toString(c.get(c.position() + i));
          default -> i -> "?";
        };
    return sequence(b.remaining(), at, "[", "]");
  }

  /** Bytes: their count and a hex preview; printable text also as text. */
  private static String bytes(ByteBuffer b) {
    int n = b.remaining();
    int shown = Math.min(n, 32);
    StringBuilder hex = new StringBuilder();
    boolean text = true;
    byte[] head = new byte[shown];
    for (int i = 0; i < shown; i++) {
      byte x = b.get(b.position() + i);
      head[i] = x;
      hex.append(String.format("%02x", x & 0xff));
      text &= x >= 0x20 && x < 0x7f || x == '\n' || x == '\t' || x == '\r';
    }
    String more = n > shown ? " …" : "";
    String s = n + (n == 1 ? " byte" : " bytes") + (n == 0 ? "" : ": " + hex + more);
    if (text && n > 0) {
      s +=
          " \""
              + new String(head, java.nio.charset.StandardCharsets.US_ASCII)
                  .replace("\n", "\\n")
                  .replace("\t", "\\t")
                  .replace("\r", "\\r")
              + "\""
              + more;
    }
    return s;
  }

  private static String sequence(int n, IntFunction<String> at, String open, String close) {
    List<String> shown = new ArrayList<>();
    if (n <= HEAD + TAIL) {
      for (int i = 0; i < n; i++) {
        shown.add(at.apply(i));
      }
      return open + String.join(", ", shown) + close;
    }
    for (int i = 0; i < HEAD; i++) {
      shown.add(at.apply(i));
    }
    shown.add("…");
    for (int i = n - TAIL; i < n; i++) {
      shown.add(at.apply(i));
    }
    return open + String.join(", ", shown) + close + " (" + n + " elements)";
  }

  private static String truncate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + " … (" + s.length() + " characters)";
  }
}
