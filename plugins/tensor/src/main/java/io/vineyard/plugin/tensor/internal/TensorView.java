package io.vineyard.plugin.tensor.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.spi.BlobElementView;
import io.vineyard.plugin.tensor.Tensor;
import io.vineyard.plugin.tensor.TensorObject;

/** A {@link TensorObject} over a checked tree and the blob the client resolved for it. */
final class TensorView extends BlobElementView implements TensorObject {
  private final TensorTree tree;

  TensorView(ObjectMeta meta, TensorTree tree, Blob blob) {
    super(meta, tree.type(), tree.size(), blob);
    this.tree = tree;
  }

  @Override
  public long[] shape() {
    return tree.shape().clone();
  }

  @Override
  public Tensor.Order order() {
    return tree.order();
  }

  @Override
  public Tensor tensor() {
    return TensorPlugin.tensor(tree, segment());
  }
}
