package io.vineyard.plugin.tensor;

import io.vineyard.api.ElementType;
import io.vineyard.api.spi.ElementData;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array value: element type, shape, memory order and the elements, put as a {@code
 * vineyard::Tensor<T>} and read back by {@code client.get(id)}.
 *
 * <p>The elements are in memory order: row-major for {@link Order#C} (numpy's default),
 * column-major for {@link Order#F}; {@link #withOrder} relabels the same elements, it does not
 * transpose. They are held, not copied: a Java primitive array, or a {@link MemorySegment} of
 * little-endian elements. A tensor from {@code get} holds a read-only segment of the instance's
 * shared memory, which keeps the blob in the instance while the tensor is reachable and is valid
 * until that client is closed. The product of an empty shape is 1: a 0-d tensor holds one element.
 * Equal tensors have the same type, shape, order and element bytes.
 */
public final class Tensor {
  /** The memory order of a tensor's elements. */
  public enum Order {
    /** Row-major: the last index varies fastest (numpy's and C's default). */
    C,
    /** Column-major: the first index varies fastest (Fortran's order). */
    F
  }

  private final ElementType type;
  private final Object data;
  private final long[] shape;
  private final Order order;
  private final long size;

  private Tensor(ElementType type, Object data, long[] shape, Order order) {
    this.type = Objects.requireNonNull(type, "type");
    this.order = Objects.requireNonNull(order, "order");
    this.shape = Objects.requireNonNull(shape, "shape").clone();
    long count = ElementData.count(type, data);
    long product = 1;
    for (long d : this.shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " has a negative dimension");
      }
      try {
        product = Math.multiplyExact(product, d);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "shape " + Arrays.toString(shape) + " has more elements than 64 bits count");
      }
    }
    if (product != count) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " has "
              + product
              + " elements, but the data has "
              + count
              + " "
              + type.numpyName()
              + " values");
    }
    this.data = data;
    this.size = count;
  }

  /** A {@code float64} tensor of the given shape over {@code data}. */
  public static Tensor of(double[] data, long... shape) {
    return new Tensor(ElementType.DOUBLE, data, shape, Order.C);
  }

  /** A {@code float32} tensor of the given shape over {@code data}. */
  public static Tensor of(float[] data, long... shape) {
    return new Tensor(ElementType.FLOAT, data, shape, Order.C);
  }

  /** An {@code int64} tensor of the given shape over {@code data}. */
  public static Tensor of(long[] data, long... shape) {
    return new Tensor(ElementType.INT64, data, shape, Order.C);
  }

  /** An {@code int32} tensor of the given shape over {@code data}. */
  public static Tensor of(int[] data, long... shape) {
    return new Tensor(ElementType.INT32, data, shape, Order.C);
  }

  /** An {@code int16} tensor of the given shape over {@code data}. */
  public static Tensor of(short[] data, long... shape) {
    return new Tensor(ElementType.INT16, data, shape, Order.C);
  }

  /** An {@code int8} tensor of the given shape over {@code data}. */
  public static Tensor of(byte[] data, long... shape) {
    return new Tensor(ElementType.INT8, data, shape, Order.C);
  }

  /** A {@code bool} tensor of the given shape over {@code data}. */
  public static Tensor of(boolean[] data, long... shape) {
    return new Tensor(ElementType.BOOL, data, shape, Order.C);
  }

  /**
   * A tensor of any element type (unsigned ones included) in C order: {@code data} is a Java array
   * of the type's width ({@code int[]} for uint32, ...) or a segment of little-endian elements.
   *
   * @throws IllegalArgumentException when the data does not hold the type's elements, a dimension
   *     is negative, or the shape's product differs from the number of elements
   */
  public static Tensor of(ElementType type, Object data, long... shape) {
    return new Tensor(type, data, shape, Order.C);
  }

  /** The same elements and shape, labelled with another memory order. */
  public Tensor withOrder(Order order) {
    return order == this.order ? this : new Tensor(type, data, shape, order);
  }

  /** The element type. */
  public ElementType valueType() {
    return type;
  }

  /** The shape (a copy); empty for a 0-d tensor. */
  public long[] shape() {
    return shape.clone();
  }

  /** The memory order of the elements. */
  public Order order() {
    return order;
  }

  /** The number of elements (the product of the shape). */
  public long size() {
    return size;
  }

  /** The size of the elements in bytes. */
  public long byteSize() {
    return size * type.byteSize();
  }

  /**
   * The elements as given, not copied: a Java primitive array or a {@link MemorySegment}; do not
   * modify.
   */
  public Object data() {
    return data;
  }

  /**
   * The elements as a read-only buffer of the matching kind ({@code DoubleBuffer} for float64,
   * {@code ByteBuffer} for int8, uint8 and bool, ...), in memory order: a view of the array or
   * segment, except for {@code boolean[]} data, which is copied to 0 and 1 bytes.
   *
   * @throws IllegalStateException when the tensor is larger than a buffer can address (2 GiB - 1
   *     bytes); use {@link #data()}
   */
  public Buffer buffer() {
    if (data instanceof MemorySegment s) {
      if (s.byteSize() > Integer.MAX_VALUE) {
        throw new IllegalStateException(
            "a tensor of "
                + s.byteSize()
                + " bytes is beyond a java.nio buffer (2 GiB - 1); use data()");
      }
      return ElementData.buffer(type, s);
    }
    return ElementData.wrap(type, data);
  }

  /**
   * A copy of the elements, in memory order, as a new Java array of class {@code as}: the type's
   * own ({@code double[]} for float64, {@code int[]} for int32 and uint32, ...), or {@code byte[]}
   * for bool.
   *
   * @throws IllegalArgumentException when arrays of {@code as} do not hold the type's elements
   */
  public <A> A toArray(Class<A> as) {
    if (!ElementData.holds(type, as)) {
      throw new IllegalArgumentException(
          "a "
              + type.numpyName()
              + " tensor copies to "
              + ElementData.arrayClass(type).getSimpleName()
              + ", not "
              + as.getSimpleName());
    }
    return ElementData.copyOut(type, littleEndian(), as);
  }

  private MemorySegment littleEndian() {
    if (data instanceof MemorySegment s) {
      return s;
    }
    MemorySegment copy = Arena.ofAuto().allocate(Math.max(1, byteSize())).asSlice(0, byteSize());
    ElementData.copyIn(type, data, copy);
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && t.type == type
        && t.order == order
        && Arrays.equals(t.shape, shape)
        && littleEndian().mismatch(t.littleEndian()) == -1;
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, order, Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    return "Tensor<"
        + type.numpyName()
        + ", shape "
        + Arrays.toString(shape)
        + ", order "
        + order
        + ">";
  }
}
