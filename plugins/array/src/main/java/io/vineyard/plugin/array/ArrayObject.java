package io.vineyard.plugin.array;

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
 * A {@code vineyard::Array<T>} in the store, as {@code getObject} returns it: {@link #size()}
 * elements of {@link #valueType()} in the blob of its member {@code buffer_}.
 *
 * <p>Payload views are zero-copy and read-only: they map the instance's shared memory, hold the
 * elements little-endian, and are valid until the client that made this view is closed (then
 * they throw {@link IllegalStateException}). An array whose blob lives on another instance has
 * metadata only: {@link #isLocal()} is false and the payload views throw
 * {@link VineyardException.ObjectNotExists}.
 */
@ProviderType
public interface ArrayObject extends VineyardObject {

  /** The number of elements ({@code size_}). */
  long size();

  /** The element type, from the typename ({@code double} in {@code vineyard::Array<double>}). */
  ElementType valueType();

  /** The blob holding the elements (member {@code buffer_}). */
  Blob blob();

  /** Whether the elements are mapped in this process (the blob lives on this client's instance). */
  default boolean isLocal() {
    return blob().isLocal();
  }

  /**
   * The elements as read-only memory, {@code size() * valueType().byteSize()} bytes.
   *
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   */
  default MemorySegment segment() {
    return blob().segment();
  }

  /**
   * The elements as a read-only, little-endian buffer of the matching kind: {@link DoubleBuffer}
   * for double, {@link FloatBuffer} for float, {@link LongBuffer} for int64 and uint64,
   * {@link IntBuffer} for int32 and uint32, {@link ShortBuffer} for int16, {@link ByteBuffer}
   * for int8, uint8 and bool (0 or 1).
   *
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   * @throws VineyardException.Invalid when the payload is 2 GiB or more; use {@link #segment()}
   */
  Buffer buffer();

  /**
   * A copy of the elements as a new Java array: {@code double[].class} for double, {@code int[]}
   * for int32 and uint32, {@code boolean[]} (or {@code byte[]}) for bool, and so on.
   *
   * @throws VineyardException.ObjectTypeError naming both types when {@code as} does not hold the elements
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   */
  <A> A toArray(Class<A> as);

  /** The payload bytes as a read-only little-endian {@link ByteBuffer}, whatever the element type. */
  default ByteBuffer asByteBuffer() {
    return buffer() instanceof ByteBuffer b ? b : segment().asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** {@link #buffer()} of a {@code vineyard::Array<double>}; an {@code ObjectTypeError} for other types. */
  default DoubleBuffer asDoubleBuffer() {
    return as(DoubleBuffer.class);
  }

  /** {@link #buffer()} of a {@code vineyard::Array<float>}; an {@code ObjectTypeError} for other types. */
  default FloatBuffer asFloatBuffer() {
    return as(FloatBuffer.class);
  }

  /** {@link #buffer()} of an int64 or uint64 array; an {@code ObjectTypeError} for other types. */
  default LongBuffer asLongBuffer() {
    return as(LongBuffer.class);
  }

  /** {@link #buffer()} of an int32 or uint32 array; an {@code ObjectTypeError} for other types. */
  default IntBuffer asIntBuffer() {
    return as(IntBuffer.class);
  }

  /** {@link #buffer()} of an int16 array; an {@code ObjectTypeError} for other types. */
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
