package io.vineyard.plugin.composite.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.composite.SequenceObject;
import java.util.List;

/** A {@code vineyard::Sequence} with the views of its elements, built when the view is made. */
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
  public String toString() {
    return VineyardObject.describe(this);
  }
}
