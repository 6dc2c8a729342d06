package io.vineyard.plugin.composite.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.composite.SequenceObject;
import java.util.List;

/**
 * A {@code vineyard::Sequence} with the views of its elements, built when the view is made; it
 * holds their blobs through them, and closing it closes every element.
 */
record SequenceView(ObjectMeta meta, List<VineyardObject> elements) implements SequenceObject {
  SequenceView {
    elements = List.copyOf(elements);
  }

  @Override
  public int size() {
    return elements.size();
  }

  @Override
  public VineyardObject get(int index) {
    return elements.get(index);
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (VineyardObject e : elements) {
      try {
        e.close();
      } catch (RuntimeException ex) {
        if (first == null) {
          first = ex;
        } else {
          first.addSuppressed(ex);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
