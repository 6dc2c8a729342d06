package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Writes one Arrow vector as vineyard's array object, field for field as {@code
 * modules/basic/ds/arrow.vineyard-mod} declares it: {@code length_}, {@code null_count_}, {@code
 * offset_} (always 0: Java vectors have none), blob members {@code buffer_}, {@code null_bitmap_}
 * (the empty blob when there are no nulls, as vineyard's builders write it), {@code
 * buffer_offsets_}, {@code buffer_data_}, and {@code values_} for lists.
 */
final class ArrayWriter {
  private ArrayWriter() {}

  /** The typename a vector is written under, or empty when it is not supported. */
  static java.util.Optional<String> typename(FieldVector v) {
    return java.util.Optional.ofNullable(
        switch (v) {
          case NullVector n -> Typenames.NULL;
          case BitVector b -> Typenames.BOOLEAN;
          case FixedSizeBinaryVector f -> Typenames.FIXED_BINARY;
          case VarCharVector s -> Typenames.STRING;
          case LargeVarCharVector s -> Typenames.LARGE_STRING;
          case VarBinaryVector s -> Typenames.BYTES;
          case LargeVarBinaryVector s -> Typenames.LARGE_BYTES;
          case FixedSizeListVector l -> Typenames.FIXED_LIST;
          case LargeListVector l -> Typenames.LIST_64;
          case ListVector l -> Typenames.LIST_32;
          case BaseFixedWidthVector f ->
              Typenames.elementName(v.getField().getType())
                  .or(() -> physicalName(f))
                  .map(t -> Typenames.NUMERIC + "<" + t + ">")
                  .orElse(null);
          default -> null;
        });
  }

  // dates, times, timestamps, durations: their integers; the schema keeps the logical type
  private static java.util.Optional<String> physicalName(BaseFixedWidthVector f) {
    return switch (f.getTypeWidth()) {
      case 4 -> java.util.Optional.of("int");
      case 8 -> java.util.Optional.of("int64");
      default -> java.util.Optional.empty();
    };
  }

  /** Creates the array object of {@code v} (and its members) and returns its tree. */
  static ObjectMeta put(FieldVector v, BufferSink sink) {
    String typename =
        typename(v)
            .orElseThrow(
                () ->
                    new VineyardException.NotImplemented(
                        "the Arrow plugin cannot put a "
                            + v.getClass().getSimpleName()
                            + " of type "
                            + v.getField().getType()
                            + " (field '"
                            + v.getField().getName()
                            + "')"));
    int n = v.getValueCount();
    if (v instanceof NullVector) {
      return sink.ctx()
          .create(ObjectMeta.builder(typename).put("length_", (long) n).nbytes(0).build());
    }
    if (v instanceof FixedSizeListVector l) {
      return putFixedList(l, typename, sink);
    }
    long nulls = v.getNullCount();
    ObjectMeta.Builder b =
        ObjectMeta.builder(typename)
            .put("length_", (long) n)
            .put("null_count_", nulls)
            .put("offset_", 0L);
    long nbytes = 0;
    ObjectMeta bitmap =
        nulls == 0 ? sink.empty() : sink.blob(v.getValidityBuffer(), bitmapBytes(n));
    nbytes += length(bitmap);
    switch (v) {
      case BitVector bits -> {
        ObjectMeta values = sink.blob(bits.getDataBuffer(), bitmapBytes(n));
        b.member("buffer_", values);
        nbytes += length(values);
      }
      case FixedSizeBinaryVector f -> {
        ObjectMeta values = sink.blob(f.getDataBuffer(), (long) n * f.getByteWidth());
        b.put("byte_width_", (long) f.getByteWidth()).member("buffer_", values);
        nbytes += length(values);
      }
      case BaseFixedWidthVector f -> {
        ObjectMeta values = sink.blob(f.getDataBuffer(), (long) n * f.getTypeWidth());
        b.member("buffer_", values);
        nbytes += length(values);
      }
      case BaseVariableWidthVector s -> {
        nbytes += putOffsets(b, sink, s.getOffsetBuffer(), n, 4);
        ObjectMeta data = sink.blob(s.getDataBuffer(), end(s.getOffsetBuffer(), n, 4));
        b.member("buffer_data_", data);
        nbytes += length(data);
      }
      case BaseLargeVariableWidthVector s -> {
        nbytes += putOffsets(b, sink, s.getOffsetBuffer(), n, 8);
        ObjectMeta data = sink.blob(s.getDataBuffer(), end(s.getOffsetBuffer(), n, 8));
        b.member("buffer_data_", data);
        nbytes += length(data);
      }
      case LargeListVector l -> {
        nbytes += putOffsets(b, sink, l.getOffsetBuffer(), n, 8);
        ObjectMeta values = put(l.getDataVector(), sink);
        b.member("values_", values);
        nbytes += values.nbytes();
      }
      case ListVector l -> {
        nbytes += putOffsets(b, sink, l.getOffsetBuffer(), n, 4);
        ObjectMeta values = put(l.getDataVector(), sink);
        b.member("values_", values);
        nbytes += values.nbytes();
      }
      default -> throw new IllegalStateException("unreachable: " + typename);
    }
    b.member("null_bitmap_", bitmap);
    return sink.ctx().create(b.nbytes(nbytes).build());
  }

  // vineyard's FixedSizeListArray has no validity bitmap (arrow.vineyard-mod: length_, list_size_,
  // values_), so a list with nulls cannot be written without losing them
  private static ObjectMeta putFixedList(FixedSizeListVector l, String typename, BufferSink sink) {
    if (l.getNullCount() > 0) {
      throw new VineyardException.NotImplemented(
          "field '"
              + l.getField().getName()
              + "': vineyard::FixedSizeListArray has no validity bitmap, and this list has "
              + l.getNullCount()
              + " null lists (make them empty lists, or use a ListVector)");
    }
    ObjectMeta values = put(l.getDataVector(), sink);
    return sink.ctx()
        .create(
            ObjectMeta.builder(typename)
                .put("length_", (long) l.getValueCount())
                .put("list_size_", (long) l.getListSize())
                .member("values_", values)
                .nbytes(values.nbytes())
                .build());
  }

  // an empty vector may have no offset buffer yet; vineyard's readers want n + 1 offsets
  private static long putOffsets(
      ObjectMeta.Builder b, BufferSink sink, ArrowBuf offsets, int n, int width) {
    long bytes = (long) (n + 1) * width;
    ObjectMeta blob =
        offsets.capacity() >= bytes ? sink.blob(offsets, bytes) : sink.blob(new byte[(int) bytes]);
    b.member("buffer_offsets_", blob);
    return length(blob);
  }

  // the last offset: where the data of the last value ends (0 for an empty vector)
  private static long end(ArrowBuf offsets, int n, int width) {
    if (n == 0 || offsets.capacity() < (long) (n + 1) * width) {
      return 0;
    }
    return width == 4 ? offsets.getInt(4L * n) : offsets.getLong(8L * n);
  }

  static long bitmapBytes(long n) {
    return (n + 7) / 8;
  }

  private static long length(ObjectMeta blob) {
    return blob.number("length").orElse(0L);
  }
}
