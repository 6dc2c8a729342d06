package io.vineyard.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plain JSON values of metadata trees: one normal form, and their compact JSON text. */
final class Values {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private Values() {}

  /** A 64-bit value read as unsigned: a Long when it fits, else a BigInteger. */
  static Object unsigned(long v) {
    return v >= 0 ? (Object) v : BigInteger.valueOf(v).add(TWO_64);
  }

  /** One normal form per JSON kind, so equal trees are equal; nested maps apply the member rule. */
  static Object normalize(String field, Object v) {
    return switch (v) {
      case null -> null;
      // a typename recurs in every tree of its type (a million trees: a million copies): one copy
      case String s -> "typename".equals(field) ? s.intern() : s;
      case Boolean b -> b;
      case ObjectMeta m -> m;
      case Long l -> l;
      case Integer i -> (long) i;
      case Short s -> (long) s;
      case Byte b -> (long) b;
      case BigInteger b ->
          b.compareTo(LONG_MAX) <= 0 && b.compareTo(LONG_MIN) >= 0 ? (Object) b.longValue() : b;
      case BigDecimal d -> d.doubleValue();
      case Number n -> n.doubleValue();
      case Map<?, ?> m -> normalizeMap(field, m);
      case List<?> l -> {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(e -> out.add(normalize(field, e)));
        yield Collections.unmodifiableList(out);
      }
      default ->
          throw new VineyardException.MetaTreeInvalid(
              "field '" + field + "': " + v.getClass().getName() + " is not a JSON value");
    };
  }

  @SuppressWarnings("unchecked")
  private static Object normalizeMap(String field, Map<?, ?> m) {
    Map<String, Object> raw = new LinkedHashMap<>();
    m.forEach((k, v) -> raw.put(String.valueOf(k), v));
    if (ObjectMeta.isMember(field, raw)) {
      return ObjectMeta.of(raw);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(k, normalize(k, v)));
    return Collections.unmodifiableMap(out);
  }

  /** Compact JSON text of a value (for messages and logs; the wire codec is the protocol's). */
  static void writeJson(Object v, StringBuilder out) {
    switch (v) {
      case null -> out.append("null");
      case String s -> writeString(s, out);
      case ObjectMeta m -> writeJson(m.entries(), out);
      case Map<?, ?> m -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          out.append(first ? "" : ",");
          first = false;
          writeString(String.valueOf(e.getKey()), out);
          out.append(':');
          writeJson(e.getValue(), out);
        }
        out.append('}');
      }
      case List<?> l -> {
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
          out.append(i == 0 ? "" : ",");
          writeJson(l.get(i), out);
        }
        out.append(']');
      }
      default -> out.append(v);
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
