package io.vineyard.plugin.tensor;

import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@code vineyard::Tensor<T>} in the store, as {@code getObject} returns it: a shape, a memory
 * order and {@link #size()} elements of {@link #valueType()} in the blob of member {@code buffer_}.
 *
 * <p>Payload views are zero-copy and read-only: they map the instance's shared memory, hold the
 * elements little-endian in memory order, and are valid until the client that made this view is
 * closed (then they throw {@link IllegalStateException}). A tensor whose blob lives on another
 * instance has metadata only: {@link #isLocal()} is false and the payload views throw
 * {@link VineyardException.ObjectNotExists}.
 */
@ProviderType
public interface TensorObject extends VineyardObject {

  /** The shape ({@code shape_}, a copy); empty for a 0-d tensor. */
  long[] shape();

  /** The element type ({@code value_type_}). */
  ElementType valueType();

  /** The memory order ({@code order_}; C when the tree has none, as C++ writers omit it). */
  Tensor.Order order();

  /** The number of elements: the product of the shape. */
  long size();

  /** The blob holding the elements (member {@code buffer_}). */
  Blob blob();

  /** Whether the elements are mapped in this process (the blob lives on this client's instance). */
  default boolean isLocal() {
    return blob().isLocal();
  }

  /**
   * The elements as read-only memory, in memory order.
   *
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   */
  default MemorySegment segment() {
    return blob().segment();
  }

  /**
   * The tensor as a value over the shared memory (no copy), as {@code client.get(id)} returns it.
   *
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   */
  Tensor tensor();

  /**
   * The elements as a read-only, little-endian buffer of the matching kind: {@link DoubleBuffer}
   * for float64, {@link IntBuffer} for int32 and uint32, {@link ByteBuffer} for int8, uint8 and
   * bool, and so on.
   *
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   * @throws VineyardException.Invalid when the payload is 2 GiB or more; use {@link #segment()}
   */
  Buffer buffer();

  /**
   * A copy of the elements in memory order as a new Java array ({@code double[].class} for
   * float64, {@code int[]} for int32 and uint32, {@code boolean[]} or {@code byte[]} for bool, ...).
   *
   * @throws VineyardException.ObjectTypeError naming both types when {@code as} does not hold the elements
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   */
  <A> A toArray(Class<A> as);

  /** The payload bytes as a read-only little-endian {@link ByteBuffer}, whatever the element type. */
  default ByteBuffer asByteBuffer() {
    return buffer() instanceof ByteBuffer b ? b : segment().asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** {@link #buffer()} of a float64 tensor; an {@code ObjectTypeError} for other types. */
  default DoubleBuffer asDoubleBuffer() {
    return as(DoubleBuffer.class);
  }

  /** {@link #buffer()} of a float32 tensor; an {@code ObjectTypeError} for other types. */
  default FloatBuffer asFloatBuffer() {
    return as(FloatBuffer.class);
  }

  /** {@link #buffer()} of an int64 or uint64 tensor; an {@code ObjectTypeError} for other types. */
  default LongBuffer asLongBuffer() {
    return as(LongBuffer.class);
  }

  /** {@link #buffer()} of an int32 or uint32 tensor; an {@code ObjectTypeError} for other types. */
  default IntBuffer asIntBuffer() {
    return as(IntBuffer.class);
  }

  /** {@link #buffer()} of an int16 tensor; an {@code ObjectTypeError} for other types. */
  default ShortBuffer asShortBuffer() {
    return as(ShortBuffer.class);
  }

  private <B extends Buffer> B as(Class<B> kind) {
    Buffer b = buffer();
    if (!kind.isInstance(b)) {
      throw new VineyardException.ObjectTypeError(id() + " is a " + typename() + " (" + valueType().numpyName()
          + " elements), not readable as a " + kind.getSimpleName());
    }
    return kind.cast(b);
  }
}
