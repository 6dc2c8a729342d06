package io.vineyard.client.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A {@code vineyard::Blob} as a client sees it: metadata plus, when the payload is on this client's
 * instance, a read-only slice of the client's mapping (no copy) held by a {@link BlobLease}. The
 * view and everything made from its segment keep the connection's reference to the blob; {@link
 * #close()}, or the last of them becoming unreachable, gives it back. After {@code close()} (the
 * view's or the client's) every access throws {@link IllegalStateException}.
 */
final class BlobView implements Blob {
  private final ObjectMeta meta;
  private final MemorySegment segment;
  private final BlobLease lease;
  private final String absent;

  private BlobView(ObjectMeta meta, MemorySegment segment, BlobLease lease, String absent) {
    this.meta = meta;
    this.segment = segment;
    this.lease = lease;
    this.absent = absent;
  }

  /** A blob mapped here, held by {@code lease}. */
  static BlobView local(ObjectMeta meta, BlobLease lease) {
    return new BlobView(meta, lease.segment(), lease, null);
  }

  /** The empty blob: no memory, no reference; {@code segment} must be read-only. */
  static BlobView empty(ObjectMeta meta, MemorySegment segment) {
    return new BlobView(meta, segment, null, null);
  }

  /** A blob whose payload is not mapped here; {@code why} says where it is. */
  static BlobView absent(ObjectMeta meta, String why) {
    return new BlobView(meta, null, null, why);
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
          "blob "
              + meta.id()
              + ": this view is closed (by its close(), or its client's); get the object again to"
              + " read it");
    }
    return segment;
  }

  /**
   * Gives this view's reference back and invalidates every buffer and segment made from it.
   * Idempotent; the blob's memory is freed once no view of any client holds it and it is deleted.
   */
  @Override
  public void close() {
    if (lease != null) {
      lease.close();
    }
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
