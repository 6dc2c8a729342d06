package io.vineyard.plugin.array.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.array.ArrayObject;

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
  public String toString() {
    return VineyardObject.describe(this);
  }
}
