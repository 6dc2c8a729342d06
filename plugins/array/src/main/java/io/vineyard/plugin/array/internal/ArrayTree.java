package io.vineyard.plugin.array.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.util.Arrays;
import java.util.Optional;

/**
 * A {@code vineyard::Array<T>} tree, read and checked: its element type (from the typename), its
 * element count ({@code size_}) and its blob (member {@code buffer_}), consistent in size.
 */
record ArrayTree(ElementType type, long size, ObjectMeta buffer) {
  static final String FAMILY = "vineyard::Array";

  /** The full typename for an element type, e.g. {@code vineyard::Array<double>}. */
  static String typename(ElementType t) {
    return FAMILY + "<" + t.cppName() + ">";
  }

  /**
   * Reads a tree of the family.
   *
   * @throws VineyardException.Invalid naming the field that is missing, malformed or inconsistent
   */
  static ArrayTree parse(ObjectMeta meta) {
    String where = meta.typename() + " " + meta.string("id").orElse("(new)");
    ElementType type =
        elementType(meta.typename())
            .orElseThrow(
                () ->
                    invalid(
                        where,
                        "typename",
                        "must be vineyard::Array<T> with T one of "
                            + Arrays.stream(ElementType.values())
                                .map(ElementType::cppName)
                                .toList()));
    long size = nonNegative(meta, "size_", where, "size_");
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
    long length = nonNegative(buffer, "length", where, "buffer_.length");
    long expected;
    try {
      expected = Math.multiplyExact(size, type.byteSize());
    } catch (ArithmeticException e) {
      throw invalid(
          where,
          "size_",
          "is too large: " + size + " elements of " + type.byteSize() + " bytes overflow 64 bits");
    }
    if (expected != length) {
      throw invalid(
          where,
          "size_",
          "says "
              + size
              + " elements of "
              + type.byteSize()
              + " bytes ("
              + expected
              + " bytes), but member 'buffer_' has length "
              + length);
    }
    return new ArrayTree(type, size, buffer);
  }

  /**
   * The element type named in {@code vineyard::Array<T>}, if the typename has that form and T is
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
   * A non-negative integer: a JSON integer, or text holding one (as some writers store numbers).
   */
  static long nonNegative(ObjectMeta meta, String field, String where, String name) {
    long v = meta.number(field).orElse(-1L);
    if (v < 0) {
      throw invalid(
          where, name, "must be a non-negative integer, got " + meta.json(field).orElse("nothing"));
    }
    return v;
  }

  static VineyardException.Invalid invalid(String where, String field, String what) {
    return new VineyardException.Invalid(where + ": field '" + field + "' " + what);
  }
}
