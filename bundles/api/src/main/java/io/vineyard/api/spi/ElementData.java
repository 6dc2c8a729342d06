package io.vineyard.api.spi;

import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * Elements of an {@link ElementType} as Java arrays and as little-endian memory: checks, one-copy
 * transfers in and out, and typed read-only views. Shared by the plugins of element-typed objects
 * (arrays, tensors), so that each stores and reads elements the same way.
 */
public final class ElementData {
  private ElementData() {}

  /**
   * The Java array class for a type's elements: {@code int[]} for int32 and uint32, {@code
   * boolean[]} for bool.
   */
  public static Class<?> arrayClass(ElementType t) {
    return switch (t) {
      case INT8, UINT8 -> byte[].class;
      case BOOL -> boolean[].class;
      case INT16 -> short[].class;
      case INT32, UINT32 -> int[].class;
      case INT64, UINT64 -> long[].class;
      case FLOAT -> float[].class;
      case DOUBLE -> double[].class;
    };
  }

  /**
   * Whether arrays of this class hold the type's elements ({@code byte[]} also holds bools as 0/1).
   */
  public static boolean holds(ElementType t, Class<?> arrayClass) {
    return arrayClass == arrayClass(t) || (t == ElementType.BOOL && arrayClass == byte[].class);
  }

  /**
   * Throws unless arrays of class {@code as} hold the type's elements: the check before a copy of
   * the object {@code meta} describes.
   *
   * @throws VineyardException.ObjectTypeError naming the object and both array classes
   */
  public static void checkCopyType(ObjectMeta meta, ElementType t, Class<?> as) {
    if (!holds(t, as)) {
      throw new VineyardException.ObjectTypeError(
          meta.id()
              + " ("
              + meta.typename()
              + ") copies to "
              + arrayClass(t).getSimpleName()
              + ", not "
              + as.getSimpleName());
    }
  }

  /**
   * Whether a requested Java type asks for elements: a primitive array (a copy) or the {@link
   * MemorySegment}.
   */
  public static boolean isElementRequest(Class<?> as) {
    return as == MemorySegment.class || (as.isArray() && as.getComponentType().isPrimitive());
  }

  /**
   * Serves an {@link #isElementRequest element request} for an object whose elements are one blob:
   * the read-only segment, or a copy in memory order; null when the blob lives on another instance.
   * What element-typed plugins do in {@code resolve(meta, ctx, as)}.
   *
   * @throws VineyardException.ObjectTypeError when the array class cannot hold the elements
   */
  public static <T> T resolveAs(ObjectMeta meta, ElementType t, Blob blob, Class<T> as) {
    if (as != MemorySegment.class) {
      checkCopyType(meta, t, as);
    }
    if (!blob.isLocal()) {
      return null;
    }
    return as == MemorySegment.class ? as.cast(blob.segment()) : copyOut(t, blob.segment(), as);
  }

  /**
   * The number of elements in {@code data}: a Java array that {@link #holds} them, or a segment of
   * whole little-endian elements.
   *
   * @throws IllegalArgumentException naming the type and what was given instead
   */
  public static long count(ElementType t, Object data) {
    return switch (data) {
      case null ->
          throw new IllegalArgumentException(
              t.numpyName() + " elements: the data must not be null");
      case MemorySegment s -> {
        if (s.byteSize() % t.byteSize() != 0) {
          throw new IllegalArgumentException(
              t.numpyName()
                  + " elements take "
                  + t.byteSize()
                  + " bytes each, but the segment has "
                  + s.byteSize()
                  + " bytes");
        }
        yield s.byteSize() / t.byteSize();
      }
      default -> {
        if (!holds(t, data.getClass())) {
          throw new IllegalArgumentException(
              t.numpyName()
                  + " elements must be given as "
                  + arrayClass(t).getSimpleName()
                  + " or a MemorySegment, not "
                  + data.getClass().getSimpleName());
        }
        yield Array.getLength(data);
      }
    };
  }

  /**
   * Writes the elements of {@code data} (checked by {@link #count}) into {@code dst},
   * little-endian.
   */
  public static void copyIn(ElementType t, Object data, MemorySegment dst) {
    switch (data) {
      case MemorySegment s -> MemorySegment.copy(s, 0, dst, 0, s.byteSize());
      case boolean[] b -> {
        for (int i = 0; i < b.length; i++) {
          dst.set(ValueLayout.JAVA_BYTE, i, b[i] ? (byte) 1 : (byte) 0);
        }
      }
      // the element layout is little-endian: the copy swaps bytes on a big-endian machine
      default ->
          MemorySegment.copy(data, 0, dst, (ValueLayout) t.layout(), 0, Array.getLength(data));
    }
  }

  /**
   * A new Java array of class {@code as} (one that {@link #holds} the type) with the elements of
   * {@code src}, in memory order.
   *
   * @throws VineyardException.Invalid when there are more elements than a Java array holds
   */
  public static <A> A copyOut(ElementType t, MemorySegment src, Class<A> as) {
    long n = src.byteSize() / t.byteSize();
    if (n > Integer.MAX_VALUE - 8) {
      throw new VineyardException.Invalid(
          n
              + " "
              + t.numpyName()
              + " elements do not fit in a Java array; read the segment instead");
    }
    int len = (int) n;
    if (as == boolean[].class) {
      boolean[] out = new boolean[len];
      for (int i = 0; i < len; i++) {
        out[i] = src.get(ValueLayout.JAVA_BYTE, i) != 0;
      }
      return as.cast(out);
    }
    Object out = Array.newInstance(as.getComponentType(), len);
    MemorySegment.copy(src, (ValueLayout) t.layout(), 0, out, 0, len);
    return as.cast(out);
  }

  /**
   * A read-only, little-endian view of {@code src} as the type's buffer kind: {@code ByteBuffer}
   * for int8, uint8 and bool, {@code IntBuffer} for int32 and uint32, and so on. {@code src} must
   * be at most 2 GiB - 1 bytes; a heap segment over a non-byte array is copied first.
   */
  public static Buffer buffer(ElementType t, MemorySegment src) {
    ByteBuffer b;
    try {
      b = src.asReadOnly().asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    } catch (UnsupportedOperationException e) {
      // a heap segment over a non-byte array: ByteBuffers cannot view it, so view a copy
      b =
          ByteBuffer.wrap(src.toArray(ValueLayout.JAVA_BYTE))
              .asReadOnlyBuffer()
              .order(ByteOrder.LITTLE_ENDIAN);
    }
    return switch (t) {
      case INT8, UINT8, BOOL -> b;
      case INT16 -> b.asShortBuffer();
      case INT32, UINT32 -> b.asIntBuffer();
      case INT64, UINT64 -> b.asLongBuffer();
      case FLOAT -> b.asFloatBuffer();
      case DOUBLE -> b.asDoubleBuffer();
    };
  }

  /**
   * A read-only buffer over a Java array holding the type's elements (no copy), or over a copy of a
   * {@code boolean[]} as 0 and 1 bytes (Java has no boolean buffers).
   */
  public static Buffer wrap(ElementType t, Object array) {
    return switch (array) {
      case boolean[] b -> {
        byte[] bytes = new byte[b.length];
        copyIn(t, b, MemorySegment.ofArray(bytes));
        yield ByteBuffer.wrap(bytes).asReadOnlyBuffer();
      }
      case byte[] b -> ByteBuffer.wrap(b).asReadOnlyBuffer();
      case short[] a -> ShortBuffer.wrap(a).asReadOnlyBuffer();
      case int[] a -> IntBuffer.wrap(a).asReadOnlyBuffer();
      case long[] a -> LongBuffer.wrap(a).asReadOnlyBuffer();
      case float[] a -> FloatBuffer.wrap(a).asReadOnlyBuffer();
      case double[] a -> DoubleBuffer.wrap(a).asReadOnlyBuffer();
      default ->
          throw new IllegalArgumentException(
              "not a primitive array of elements: " + array.getClass().getName());
    };
  }
}
