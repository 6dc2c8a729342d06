package io.vineyard.plugin.array.internal;

import io.vineyard.api.spi.ElementData;
import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.array.ArrayObject;
import java.lang.foreign.MemorySegment;
import java.nio.Buffer;

/** An {@link ArrayObject} over a checked tree and the blob the client resolved for it. */
final class ArrayView implements ArrayObject {
  private final ObjectMeta meta;
  private final ArrayTree tree;
  private final Blob blob;

  ArrayView(ObjectMeta meta, ArrayTree tree, Blob blob) {
    this.meta = meta;
    this.tree = tree;
    this.blob = blob;
  }

  @Override
  public ObjectMeta meta() {
    return meta;
  }

  @Override
  public long size() {
    return tree.size();
  }

  @Override
  public ElementType valueType() {
    return tree.type();
  }

  @Override
  public Blob blob() {
    return blob;
  }

  @Override
  public Buffer buffer() {
    MemorySegment s = segment();
    if (s.byteSize() > Integer.MAX_VALUE) {
      throw new VineyardException.Invalid(meta.id() + " (" + meta.typename() + ") has " + s.byteSize()
          + " bytes of elements, more than a java.nio buffer can address (2 GiB - 1); use segment()");
    }
    return ElementData.buffer(tree.type(), s);
  }

  @Override
  public <A> A toArray(Class<A> as) {
    ArrayPlugin.checkCopyType(meta, tree.type(), as);
    return ElementData.copyOut(tree.type(), segment(), as);
  }

  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
