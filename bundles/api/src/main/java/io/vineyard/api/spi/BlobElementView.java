package io.vineyard.api.spi;

import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ElementView;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every element-typed view (an array, a tensor) holds: its tree, its element type and count,
 * and the one blob of its elements, as a plugin's {@code view} checked and resolved them. A
 * plugin's view extends it with what its type adds (a shape, an order). Immutable.
 */
@ConsumerType
public abstract class BlobElementView implements ElementView {
  private final ObjectMeta meta;
  private final ElementType type;
  private final long size;
  private final Blob blob;

  /** A view of {@code size} elements of {@code type} in {@code blob}, described by {@code meta}. */
  protected BlobElementView(ObjectMeta meta, ElementType type, long size, Blob blob) {
    this.meta = meta;
    this.type = type;
    this.size = size;
    this.blob = blob;
  }

  @Override
  public ObjectMeta meta() {
    return meta;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public ElementType valueType() {
    return type;
  }

  @Override
  public Blob blob() {
    return blob;
  }

  /** Closes the blob view: the elements' reference goes back, their buffers become invalid. */
  @Override
  public void close() {
    blob.close();
  }

  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
