package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.VineyardException;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Vineyard's typenames for Arrow data, as {@code modules/basic/ds/arrow.vineyard-mod} declares the
 * classes and vineyard's {@code type_name<T>()} prints them (C++ element names: {@code int} is
 * int32), plus the names vineyard's Python client writes ({@code vineyard::LargeStringArray},
 * {@code vineyard::LargeListArray}, pyarrow's element names such as {@code int32}), which are read
 * too.
 */
final class Typenames {
  static final String NUMERIC = "vineyard::NumericArray";
  static final String BOOLEAN = "vineyard::BooleanArray";
  static final String BINARY = "vineyard::BaseBinaryArray";
  static final String FIXED_BINARY = "vineyard::FixedSizeBinaryArray";
  static final String NULL = "vineyard::NullArray";
  static final String LIST = "vineyard::BaseListArray";
  static final String FIXED_LIST = "vineyard::FixedSizeListArray";
  static final String SCHEMA = "vineyard::SchemaProxy";
  static final String RECORD_BATCH = "vineyard::RecordBatch";
  static final String TABLE = "vineyard::Table";
  // written by vineyard's Python client (python/vineyard/data/arrow.py)
  static final String PY_LARGE_STRING = "vineyard::LargeStringArray";
  static final String PY_STRING = "vineyard::StringArray";
  static final String PY_LARGE_LIST = "vineyard::LargeListArray";

  static final String STRING = BINARY + "<arrow::StringArray>";
  static final String LARGE_STRING = BINARY + "<arrow::LargeStringArray>";
  static final String BYTES = BINARY + "<arrow::BinaryArray>";
  static final String LARGE_BYTES = BINARY + "<arrow::LargeBinaryArray>";
  static final String LIST_32 = LIST + "<arrow::ListArray>";
  static final String LIST_64 = LIST + "<arrow::LargeListArray>";

  // element name -> Arrow type; the first name of each type is the one written
  private static final Map<String, ArrowType> ELEMENTS =
      Map.ofEntries(
          Map.entry("int8", new ArrowType.Int(8, true)),
          Map.entry("int16", new ArrowType.Int(16, true)),
          Map.entry("int", new ArrowType.Int(32, true)),
          Map.entry("int32", new ArrowType.Int(32, true)),
          Map.entry("int64", new ArrowType.Int(64, true)),
          Map.entry("uint8", new ArrowType.Int(8, false)),
          Map.entry("uint16", new ArrowType.Int(16, false)),
          Map.entry("uint32", new ArrowType.Int(32, false)),
          Map.entry("uint64", new ArrowType.Int(64, false)),
          Map.entry("float", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
          Map.entry("float32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
          Map.entry("double", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
          Map.entry("float64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)));

  private Typenames() {}

  /** The C++ element name of an integer or floating-point type, if it has one. */
  static Optional<String> elementName(ArrowType type) {
    return switch (type) {
      case ArrowType.Int i ->
          Optional.of(
              switch (i.getBitWidth()) {
                case 8 -> i.getIsSigned() ? "int8" : "uint8";
                case 16 -> i.getIsSigned() ? "int16" : "uint16";
                case 32 -> i.getIsSigned() ? "int" : "uint32";
                default -> i.getIsSigned() ? "int64" : "uint64";
              });
      case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.SINGLE ->
          Optional.of("float");
      case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.DOUBLE ->
          Optional.of("double");
      default -> Optional.empty();
    };
  }

  /** The Arrow type named in {@code vineyard::NumericArray<T>}. */
  static ArrowType numericType(String typename) {
    String t =
        typename.startsWith(NUMERIC + "<") && typename.endsWith(">")
            ? typename.substring(NUMERIC.length() + 1, typename.length() - 1).trim()
            : "";
    ArrowType type = ELEMENTS.get(t);
    if (type == null) {
      throw new VineyardException.Invalid(
          typename
              + ": typename must be vineyard::NumericArray<T> with T one of "
              + new java.util.TreeSet<>(ELEMENTS.keySet()));
    }
    return type;
  }
}
