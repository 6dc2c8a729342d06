package io.vineyard.plugin.array.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.spi.BlobElementView;
import io.vineyard.plugin.array.ArrayObject;

/** An {@link ArrayObject} over a checked tree and the blob the client resolved for it. */
final class ArrayView extends BlobElementView implements ArrayObject {
  ArrayView(ObjectMeta meta, ArrayTree tree, Blob blob) {
    super(meta, tree.type(), tree.size(), blob);
  }
}
