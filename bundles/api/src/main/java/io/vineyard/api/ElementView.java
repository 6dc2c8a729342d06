package io.vineyard.api;

import io.vineyard.api.spi.ElementData;
import java.lang.foreign.MemorySegment;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An object whose payload is {@link #size()} elements of one {@link ElementType}, little-endian in
 * memory order (an array, a tensor): typed read-only buffers and copies over its {@link
 * #segment()}.
 *
 * <p>A view implements {@link #size()}, {@link #valueType()} and {@link #blob()} (plugins extend
 * {@link io.vineyard.api.spi.BlobElementView}); the accessors here read the blob's segment through
 * {@link ElementData}, so that every element-typed view reads elements the same way.
 */
@ConsumerType
public interface ElementView extends VineyardObject {

  /** The number of elements. */
  long size();

  /** The element type. */
  ElementType valueType();

  /** The blob holding the elements (member {@code buffer_}). */
  Blob blob();

  /** Whether the elements are mapped in this process (the blob lives on this client's instance). */
  default boolean isLocal() {
    return blob().isLocal();
  }

  /**
   * The elements as read-only memory, {@code size() * valueType().byteSize()} bytes in memory
   * order.
   *
   * @throws VineyardException.ObjectNotExists when the payload lives on another instance
   */
  default MemorySegment segment() {
    return blob().segment();
  }

  /**
   * The elements as a read-only, little-endian buffer of the matching kind: {@link DoubleBuffer}
   * for double (float64), {@link FloatBuffer} for float, {@link LongBuffer} for int64 and uint64,
   * {@link IntBuffer} for int32 and uint32, {@link ShortBuffer} for int16, {@link ByteBuffer} for
   * int8, uint8 and bool (0 or 1).
   *
   * @throws VineyardException.ObjectNotExists when the payload lives on another instance
   * @throws VineyardException.Invalid when the payload is 2 GiB or more; use {@link #segment()}
   */
  default Buffer buffer() {
    MemorySegment s = segment();
    if (s.byteSize() > Integer.MAX_VALUE) {
      throw new VineyardException.Invalid(
          id()
              + " ("
              + typename()
              + ") has "
              + s.byteSize()
              + " bytes of elements, more than a java.nio buffer can address (2 GiB - 1); use segment()");
    }
    return ElementData.buffer(valueType(), s);
  }

  /**
   * A copy of the elements in memory order as a new Java array: {@code double[].class} for double,
   * {@code int[]} for int32 and uint32, {@code boolean[]} (or {@code byte[]}) for bool, and so on.
   *
   * @throws VineyardException.ObjectTypeError naming both types when {@code as} does not hold the
   *     elements
   * @throws VineyardException.ObjectNotExists when the payload lives on another instance
   */
  default <A> A toArray(Class<A> as) {
    ElementData.checkCopyType(meta(), valueType(), as);
    return ElementData.copyOut(valueType(), segment(), as);
  }

  /**
   * The payload bytes as a read-only little-endian {@link ByteBuffer}, whatever the element type.
   */
  default ByteBuffer asByteBuffer() {
    return buffer() instanceof ByteBuffer b
        ? b
        : segment().asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** {@link #buffer()} of double (float64) elements; an {@code ObjectTypeError} for other types. */
  default DoubleBuffer asDoubleBuffer() {
    return as(DoubleBuffer.class);
  }

  /** {@link #buffer()} of float (float32) elements; an {@code ObjectTypeError} for other types. */
  default FloatBuffer asFloatBuffer() {
    return as(FloatBuffer.class);
  }

  /** {@link #buffer()} of int64 or uint64 elements; an {@code ObjectTypeError} for other types. */
  default LongBuffer asLongBuffer() {
    return as(LongBuffer.class);
  }

  /** {@link #buffer()} of int32 or uint32 elements; an {@code ObjectTypeError} for other types. */
  default IntBuffer asIntBuffer() {
    return as(IntBuffer.class);
  }

  /** {@link #buffer()} of int16 elements; an {@code ObjectTypeError} for other types. */
  default ShortBuffer asShortBuffer() {
    return as(ShortBuffer.class);
  }

  private <B extends Buffer> B as(Class<B> kind) {
    Buffer b = buffer();
    if (!kind.isInstance(b)) {
      throw new VineyardException.ObjectTypeError(
          id()
              + " is a "
              + typename()
              + " ("
              + valueType().numpyName()
              + " elements), not readable as a "
              + kind.getSimpleName());
    }
    return kind.cast(b);
  }
}
