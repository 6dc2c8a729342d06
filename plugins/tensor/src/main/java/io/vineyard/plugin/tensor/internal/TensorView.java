package io.vineyard.plugin.tensor.internal;

import io.vineyard.api.spi.ElementData;
import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.tensor.Tensor;
import io.vineyard.plugin.tensor.TensorObject;
import java.lang.foreign.MemorySegment;
import java.nio.Buffer;

/** A {@link TensorObject} over a checked tree and the blob the client resolved for it. */
final class TensorView implements TensorObject {
  private final ObjectMeta meta;
  private final TensorTree tree;
  private final Blob blob;

  TensorView(ObjectMeta meta, TensorTree tree, Blob blob) {
    this.meta = meta;
    this.tree = tree;
    this.blob = blob;
  }

  @Override
  public ObjectMeta meta() {
    return meta;
  }

  @Override
  public long[] shape() {
    return tree.shape().clone();
  }

  @Override
  public ElementType valueType() {
    return tree.type();
  }

  @Override
  public Tensor.Order order() {
    return tree.order();
  }

  @Override
  public long size() {
    return tree.size();
  }

  @Override
  public Blob blob() {
    return blob;
  }

  @Override
  public Tensor tensor() {
    return TensorPlugin.tensor(tree, segment());
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
    TensorPlugin.checkCopyType(meta, tree.type(), as);
    return ElementData.copyOut(tree.type(), segment(), as);
  }

  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
