package io.vineyard.plugin.tensor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.plugin.tensor.Tensor;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@code vineyard::Tensor<T>} tree, read and checked. {@code shape_}, {@code order_} and {@code
 * partition_index_} hold JSON texts (as vineyard's Python client writes them) and are parsed, never
 * compared as strings; {@code order_} may be absent (C++ writers omit it: C).
 */
record TensorTree(
    ElementType type, long[] shape, Tensor.Order order, long size, ObjectMeta buffer) {
  static final String FAMILY = "vineyard::Tensor";
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /** The full typename for an element type, e.g. {@code vineyard::Tensor<double>}. */
  static String typename(ElementType t) {
    return FAMILY + "<" + t.cppName() + ">";
  }

  /** A shape as Python's {@code json.dumps} writes it: {@code [2, 4]}, {@code []} for 0-d. */
  static String shapeText(long[] shape) {
    return Arrays.stream(shape)
        .mapToObj(Long::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** An order as a JSON text: {@code "C"} with the quotes. */
  static String orderText(Tensor.Order order) {
    return "\"" + order.name() + "\"";
  }

  /**
   * Reads a tree of the family.
   *
   * @throws VineyardException.Invalid naming the field that is missing, malformed or inconsistent
   */
  static TensorTree parse(ObjectMeta meta) {
    String where = meta.typename() + " " + meta.string("id").orElse("(new)");
    ElementType type =
        elementType(meta.typename())
            .orElseThrow(
                () ->
                    invalid(
                        where,
                        "typename",
                        "must be vineyard::Tensor<T> with T one of "
                            + Arrays.stream(ElementType.values())
                                .map(ElementType::cppName)
                                .toList()));
    String valueType =
        meta.string("value_type_").orElseThrow(() -> invalid(where, "value_type_", "is missing"));
    ElementType named =
        ElementType.byName(valueType)
            .orElseThrow(
                () -> invalid(where, "value_type_", "names no known type: '" + valueType + "'"));
    if (named != type) {
      throw invalid(
          where, "value_type_", "is " + valueType + ", but the typename says " + type.cppName());
    }
    meta.string("value_type_meta_")
        .filter(d -> !d.equals(type.numpyDtype()))
        .ifPresent(
            d -> {
              throw invalid(
                  where,
                  "value_type_meta_",
                  "is '"
                      + d
                      + "', but "
                      + type.numpyName()
                      + " is '"
                      + type.numpyDtype()
                      + "' (little-endian)");
            });
    JsonNode shapeNode =
        json(meta, "shape_", where).orElseThrow(() -> invalid(where, "shape_", "is missing"));
    if (!shapeNode.isArray()) {
      throw invalid(
          where, "shape_", "must be a JSON list of non-negative integers, got " + shapeNode);
    }
    long[] shape = new long[shapeNode.size()];
    long size = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = shapeNode.get(i);
      if (!d.isIntegralNumber() || !d.canConvertToLong() || d.asLong() < 0) {
        throw invalid(
            where, "shape_", "must be a JSON list of non-negative integers, got " + shapeNode);
      }
      shape[i] = d.asLong();
      size = multiply(size, shape[i], where, "shape_");
    }
    Tensor.Order order =
        json(meta, "order_", where)
            .map(
                o ->
                    switch (o.isTextual() ? o.asText() : "") {
                      case "C" -> Tensor.Order.C;
                      case "F" -> Tensor.Order.F;
                      default ->
                          throw invalid(
                              where, "order_", "must be the JSON text \"C\" or \"F\", got " + o);
                    })
            .orElse(Tensor.Order.C);
    json(meta, "partition_index_", where)
        .filter(p -> !p.isArray())
        .ifPresent(
            p -> {
              throw invalid(where, "partition_index_", "must be a JSON list, got " + p);
            });
    ObjectMeta buffer =
        meta.member("buffer_")
            .filter(b -> b.typename().equals(Blob.TYPENAME))
            .orElseThrow(
                () ->
                    invalid(
                        where,
                        "buffer_",
                        "must be a member of typename vineyard::Blob, got "
                            + meta.json("buffer_").orElse("nothing")));
    if (!(buffer.value("length").orElse(null) instanceof Long length) || length < 0) {
      throw invalid(
          where,
          "buffer_.length",
          "must be a non-negative integer, got " + buffer.json("length").orElse("null"));
    }
    long expected = multiply(size, type.byteSize(), where, "shape_");
    if (expected != length) {
      throw invalid(
          where,
          "shape_",
          "is "
              + shapeText(shape)
              + ": "
              + size
              + " elements of "
              + type.byteSize()
              + " bytes ("
              + expected
              + " bytes), but member 'buffer_' has length "
              + length);
    }
    return new TensorTree(type, shape, order, size, buffer);
  }

  /**
   * The element type named in {@code vineyard::Tensor<T>}, if the typename has that form and T is
   * known.
   */
  static Optional<ElementType> elementType(String typename) {
    if (!typename.startsWith(FAMILY + "<") || !typename.endsWith(">")) {
      return Optional.empty();
    }
    return ElementType.byName(
        typename.substring(FAMILY.length() + 1, typename.length() - 1).trim());
  }

  /**
   * A field holding a JSON text, parsed; a field that is already JSON (not text) is taken as it is.
   */
  private static Optional<JsonNode> json(ObjectMeta meta, String field, String where) {
    if (!meta.has(field)) {
      return Optional.empty();
    }
    if (!(meta.value(field).orElse(null) instanceof String text)) {
      return Optional.of(
          meta.value(field)
              .<JsonNode>map(JSON::valueToTree)
              .orElse(JSON.getNodeFactory().nullNode()));
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw invalid(
          where,
          field,
          "must hold a JSON text, got "
              + meta.json(field).orElse("")
              + " ("
              + e.getOriginalMessage()
              + ")");
    }
  }

  private static long multiply(long a, long b, String where, String field) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw invalid(where, field, "is too large: its element count or byte size overflows 64 bits");
    }
  }

  static VineyardException.Invalid invalid(String where, String field, String what) {
    return new VineyardException.Invalid(where + ": field '" + field + "' " + what);
  }
}
