package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.Blob;
import org.apache.arrow.memory.ForeignAllocation;

/**
 * A sealed blob's mapped payload as Arrow memory: the {@link Blob} view is held until Arrow
 * releases the last buffer over it, so the mapping stays valid (and the client's reference on the
 * blob held) for as long as a vector uses it. Nothing is freed on release: the payload is the
 * store's.
 */
final class BlobAllocation extends ForeignAllocation {
  @SuppressWarnings("unused") // held for its lifetime, see the class comment
  private volatile Blob blob;

  BlobAllocation(Blob blob) {
    super(blob.size(), blob.segment().address());
    this.blob = blob;
  }

  @Override
  protected void release0() {
    blob = null;
  }
}
