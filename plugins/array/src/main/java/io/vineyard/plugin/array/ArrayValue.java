package io.vineyard.plugin.array;

import io.vineyard.api.ElementType;
import io.vineyard.api.spi.ElementData;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An array value with an explicit element type, for what a plain Java array cannot say: {@code
 * byte[]} as {@code vineyard::Array<int8>} (a bare {@code byte[]} is put as a {@code
 * vineyard::Blob}), unsigned types, and elements already in memory.
 *
 * <p>Plain {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code short[]} and
 * {@code boolean[]} values need no wrapper: {@code client.put(new double[8])} makes a {@code
 * vineyard::Array<double>}. The wrapper does not copy: the array, segment or buffer it holds is
 * read when the value is put, so it must not change until then. Segments and buffers hold the
 * elements as little-endian bytes.
 */
public final class ArrayValue {
  private final ElementType type;
  private final Object elements;
  private final long size;

  private ArrayValue(ElementType type, Object elements) {
    this.type = Objects.requireNonNull(type, "type");
    this.size = ElementData.count(type, elements);
    this.elements = elements;
  }

  /**
   * Elements of {@code type} from a Java array of the matching width: {@code byte[]} for int8 and
   * uint8, {@code boolean[]} (or {@code byte[]} of 0 and 1) for bool, {@code short[]} for int16,
   * {@code int[]} for int32 and uint32, {@code long[]} for int64 and uint64, {@code float[]},
   * {@code double[]}; or a {@link MemorySegment} of little-endian elements.
   *
   * @throws IllegalArgumentException naming the type when the array does not hold its elements, or
   *     the segment's size is not a whole number of elements
   */
  public static ArrayValue of(ElementType type, Object elements) {
    return new ArrayValue(type, elements);
  }

  /**
   * Elements of {@code type} as little-endian bytes in a segment (heap or native).
   *
   * @throws IllegalArgumentException when the size is not a whole number of elements
   */
  public static ArrayValue of(ElementType type, MemorySegment elements) {
    return new ArrayValue(type, elements);
  }

  /**
   * Elements of {@code type} as little-endian bytes: the buffer's remaining bytes (its position is
   * not changed).
   *
   * @throws IllegalArgumentException when the remaining bytes are not a whole number of elements
   */
  public static ArrayValue of(ElementType type, ByteBuffer elements) {
    return new ArrayValue(type, MemorySegment.ofBuffer(elements));
  }

  /**
   * A Java primitive array with its natural element type ({@code byte[]} is int8).
   *
   * @throws IllegalArgumentException when {@code array} is not a primitive array of a supported
   *     type
   */
  public static ArrayValue of(Object array) {
    Objects.requireNonNull(array, "array");
    ElementType t =
        ElementType.forJavaArray(array.getClass())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "not an array of a Vineyard element type: "
                            + array.getClass().getSimpleName()));
    return new ArrayValue(t, array);
  }

  /** Bytes as {@code vineyard::Array<int8>}. */
  public static ArrayValue ofBytes(byte[] values) {
    return new ArrayValue(ElementType.INT8, values);
  }

  /** Bytes as unsigned {@code vineyard::Array<uint8>}. */
  public static ArrayValue unsigned(byte[] values) {
    return new ArrayValue(ElementType.UINT8, values);
  }

  /**
   * Ints as unsigned {@code vineyard::Array<uint32>} (bits as they are; read with {@link
   * Integer#toUnsignedLong}).
   */
  public static ArrayValue unsigned(int[] values) {
    return new ArrayValue(ElementType.UINT32, values);
  }

  /**
   * Longs as unsigned {@code vineyard::Array<uint64>} (bits as they are; read with {@link
   * Long#toUnsignedString}).
   */
  public static ArrayValue unsigned(long[] values) {
    return new ArrayValue(ElementType.UINT64, values);
  }

  /** The element type. */
  public ElementType valueType() {
    return type;
  }

  /** The number of elements. */
  public long size() {
    return size;
  }

  /** The size of the elements in bytes. */
  public long byteSize() {
    return size * type.byteSize();
  }

  /**
   * Writes the elements into {@code destination} as little-endian values, one copy.
   *
   * @throws IndexOutOfBoundsException when {@code destination} is smaller than {@link #byteSize()}
   */
  public void copyTo(MemorySegment destination) {
    ElementData.copyIn(type, elements, destination);
  }

  @Override
  public String toString() {
    return "ArrayValue<" + type.cppName() + ", " + size + " elements>";
  }
}
