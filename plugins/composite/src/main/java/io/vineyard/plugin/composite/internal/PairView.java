package io.vineyard.plugin.composite.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.composite.PairObject;

/**
 * A {@code vineyard::Pair} with the views of its two members, built when the view is made; it holds
 * their blobs through them, and closing it closes both.
 */
record PairView(ObjectMeta meta, VineyardObject first, VineyardObject second)
    implements PairObject {
  @Override
  public void close() {
    try (first) {
      second.close();
    }
  }

  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
