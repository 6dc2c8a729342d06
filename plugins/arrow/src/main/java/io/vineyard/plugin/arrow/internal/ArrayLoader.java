package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.spi.ResolveContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Loads vineyard's array objects as Arrow vectors whose buffers are the blobs' mapped memory (no
 * copy): {@code offset_} is applied by slicing, so a slice put by pyarrow loads as its rows only.
 * Copied are only a validity or boolean bitmap whose {@code offset_} is not a multiple of 8 (Java
 * vectors start at bit 0), and the all-valid bitmap Arrow allocates for an array without nulls.
 */
final class ArrayLoader {
  /** Thrown when a payload lives on another instance: the value then resolves to null. */
  static final class RemotePayload extends RuntimeException {
    RemotePayload(String what) {
      super(what, null, false, false);
    }
  }

  private final ResolveContext ctx;
  private final BufferAllocator allocator;

  ArrayLoader(ResolveContext ctx, BufferAllocator allocator) {
    this.ctx = ctx;
    this.allocator = allocator;
  }

  BufferAllocator allocator() {
    return allocator;
  }

  /** The field an array tree describes when no schema says more (name "", nullable). */
  static Field fieldOf(ObjectMeta meta) {
    String t = meta.typename();
    ArrowType type =
        switch (t) {
          case Typenames.NULL -> ArrowType.Null.INSTANCE;
          case Typenames.BOOLEAN -> ArrowType.Bool.INSTANCE;
          case Typenames.FIXED_BINARY ->
              new ArrowType.FixedSizeBinary((int) Trees.count(meta, "byte_width_"));
          case Typenames.STRING, Typenames.PY_STRING -> ArrowType.Utf8.INSTANCE;
          case Typenames.LARGE_STRING, Typenames.PY_LARGE_STRING -> ArrowType.LargeUtf8.INSTANCE;
          case Typenames.BYTES -> ArrowType.Binary.INSTANCE;
          case Typenames.LARGE_BYTES -> ArrowType.LargeBinary.INSTANCE;
          case Typenames.LIST_32 -> ArrowType.List.INSTANCE;
          case Typenames.LIST_64, Typenames.PY_LARGE_LIST -> ArrowType.LargeList.INSTANCE;
          case Typenames.FIXED_LIST ->
              new ArrowType.FixedSizeList((int) Trees.count(meta, "list_size_"));
          default -> Typenames.numericType(t);
        };
    List<Field> children =
        type instanceof ArrowType.List
                || type instanceof ArrowType.LargeList
                || type instanceof ArrowType.FixedSizeList
            ? List.of(rename(fieldOf(Trees.member(meta, "values_")), "item"))
            : List.of();
    return new Field("", FieldType.nullable(type), children);
  }

  private static Field rename(Field f, String name) {
    return new Field(name, f.getFieldType(), f.getChildren());
  }

  /** A new vector of {@code field} over the payload of {@code meta}. */
  FieldVector load(ObjectMeta meta, Field field) {
    FieldVector v = field.createVector(allocator);
    try {
      loadInto(v, meta);
      return v;
    } catch (RuntimeException e) {
      v.close();
      throw e;
    }
  }

  private void loadInto(FieldVector v, ObjectMeta meta) {
    String t = meta.typename();
    long length = Trees.count(meta, "length_");
    if (t.equals(Typenames.NULL)) {
      expect(v instanceof NullVector, v, meta);
      v.loadFieldBuffers(new ArrowFieldNode(length, length), List.of());
      return;
    }
    if (v instanceof FixedSizeListVector l) {
      expect(t.equals(Typenames.FIXED_LIST), v, meta);
      long size = Trees.count(meta, "list_size_");
      if (size != l.getListSize()) {
        throw Trees.invalid(
            meta, "list_size_", "is " + size + ", the schema says " + l.getListSize());
      }
      v.loadFieldBuffers(new ArrowFieldNode(length, 0), List.of(allocator.getEmpty()));
      loadInto(l.getDataVector(), Trees.member(meta, "values_"));
      return;
    }
    long nulls = Trees.count(meta, "null_count_");
    long offset = Trees.count(meta, "offset_", 0);
    List<ArrowBuf> bufs = new ArrayList<>();
    try {
      bufs.add(validity(meta, offset, length, nulls));
      switch (v) {
        case BitVector b -> {
          expect(t.equals(Typenames.BOOLEAN), v, meta);
          bufs.add(bits(meta, "buffer_", offset, length));
        }
        case BaseFixedWidthVector f -> {
          expect(
              t.startsWith(Typenames.NUMERIC + "<") || t.equals(Typenames.FIXED_BINARY), v, meta);
          long w = f.getTypeWidth();
          bufs.add(slice(meta, "buffer_", offset * w, length * w));
        }
        case BaseVariableWidthVector s -> {
          bufs.add(slice(meta, "buffer_offsets_", offset * 4, (length + 1) * 4));
          bufs.add(whole(meta, "buffer_data_"));
        }
        case BaseLargeVariableWidthVector s -> {
          bufs.add(slice(meta, "buffer_offsets_", offset * 8, (length + 1) * 8));
          bufs.add(whole(meta, "buffer_data_"));
        }
        case LargeListVector l -> {
          bufs.add(slice(meta, "buffer_offsets_", offset * 8, (length + 1) * 8));
          loadInto(l.getDataVector(), Trees.member(meta, "values_"));
        }
        case ListVector l -> {
          bufs.add(slice(meta, "buffer_offsets_", offset * 4, (length + 1) * 4));
          loadInto(l.getDataVector(), Trees.member(meta, "values_"));
        }
        default -> expect(false, v, meta);
      }
      v.loadFieldBuffers(new ArrowFieldNode(length, nulls), bufs);
    } finally {
      bufs.forEach(ArrowBuf::close); // the vector holds its own references now
    }
  }

  private static void expect(boolean ok, FieldVector v, ObjectMeta meta) {
    if (!ok) {
      throw Trees.invalid(
          meta,
          "typename",
          "does not hold a "
              + v.getField().getType()
              + " column ('"
              + v.getField().getName()
              + "'), as the schema says");
    }
  }

  private ArrowBuf validity(ObjectMeta meta, long offset, long length, long nulls) {
    if (nulls == 0) {
      return allocator.getEmpty(); // Arrow makes the all-valid bitmap
    }
    if (nulls > length) {
      throw Trees.invalid(meta, "null_count_", "is " + nulls + ", above length_ " + length);
    }
    return bits(meta, "null_bitmap_", offset, length);
  }

  // a bitmap of length bits from bit offset: a slice when byte-aligned, else shifted into a copy
  private ArrowBuf bits(ObjectMeta meta, String field, long offset, long length) {
    long bytes = ArrayWriter.bitmapBytes(length);
    if (offset % 8 == 0) {
      return slice(meta, field, offset / 8, bytes);
    }
    try (ArrowBuf src =
        slice(meta, field, offset / 8, ArrayWriter.bitmapBytes(offset % 8 + length))) {
      ArrowBuf out = allocator.buffer(bytes);
      out.setZero(0, bytes);
      int shift = (int) (offset % 8);
      for (long i = 0; i < length; i++) {
        long s = i + shift;
        if ((src.getByte(s >>> 3) >>> (s & 7) & 1) != 0) {
          out.setByte(i >>> 3, out.getByte(i >>> 3) | (1 << (i & 7)));
        }
      }
      return out;
    }
  }

  private ArrowBuf slice(ObjectMeta meta, String field, long start, long bytes) {
    ArrowBuf whole = whole(meta, field);
    if (start + bytes > whole.capacity()) {
      long have = whole.capacity();
      whole.close();
      throw Trees.invalid(
          meta,
          field,
          "has "
              + have
              + " bytes, but length_ "
              + meta.json("length_").orElse("?")
              + " and offset_ "
              + meta.json("offset_").orElse("0")
              + " need "
              + (start + bytes));
    }
    if (start == 0 && bytes == whole.capacity()) {
      return whole;
    }
    // a slice with its own reference, so that closing 'whole' keeps the memory for it
    ArrowBuf part = whole.getReferenceManager().retain(whole.slice(start, bytes), allocator);
    whole.close();
    return part;
  }

  private ArrowBuf whole(ObjectMeta meta, String field) {
    Blob blob = ctx.blob(Trees.blob(meta, field));
    if (!blob.isLocal()) {
      throw new RemotePayload(Trees.where(meta) + "." + field);
    }
    if (blob.size() == 0) {
      return allocator.getEmpty();
    }
    return allocator.wrapForeignAllocation(new BlobAllocation(blob));
  }
}
