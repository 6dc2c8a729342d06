package io.vineyard.plugin.tensor.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.tensor.Tensor;
import io.vineyard.plugin.tensor.TensorObject;

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
  public String toString() {
    return VineyardObject.describe(this);
  }
}
