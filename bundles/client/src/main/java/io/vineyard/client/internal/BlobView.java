package io.vineyard.client.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A {@code vineyard::Blob} as a client sees it: metadata plus, when the payload is on this client's
 * instance, a read-only slice of the client's mapping (no copy). The slice dies with the client:
 * after {@code close()} every access throws {@link IllegalStateException}.
 */
final class BlobView implements Blob {
  private final ObjectMeta meta;
  private final MemorySegment segment;
  private final String absent;

  private BlobView(ObjectMeta meta, MemorySegment segment, String absent) {
    this.meta = meta;
    this.segment = segment;
    this.absent = absent;
  }

  /** A blob mapped here; {@code segment} must be read-only. */
  static BlobView local(ObjectMeta meta, MemorySegment segment) {
    return new BlobView(meta, segment, null);
  }

  /** A blob whose payload is not mapped here; {@code why} says where it is. */
  static BlobView absent(ObjectMeta meta, String why) {
    return new BlobView(meta, null, why);
  }

  @Override
  public ObjectMeta meta() {
    return meta;
  }

  @Override
  public long size() {
    return segment != null ? segment.byteSize() : meta.number("length").orElse(meta.nbytes());
  }

  @Override
  public boolean isLocal() {
    return segment != null;
  }

  @Override
  public MemorySegment segment() {
    if (segment == null) {
      throw new VineyardException.ObjectNotExists(
          "the payload of blob " + meta.id() + " is not mapped by this client: " + absent);
    }
    if (!segment.scope().isAlive()) {
      throw new IllegalStateException(
          "blob " + meta.id() + ": the client that mapped it is closed");
    }
    return segment;
  }

  @Override
  public ByteBuffer buffer() {
    MemorySegment s = segment();
    if (s.byteSize() > Integer.MAX_VALUE) {
      throw new VineyardException.Invalid(
          "blob "
              + meta.id()
              + " has "
              + s.byteSize()
              + " bytes, more than a ByteBuffer can address (2 GiB - 1); use segment()");
    }
    return s.asByteBuffer();
  }

  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
