package io.vineyard.client.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;

/** The view of an object whose typename no installed plugin knows: its metadata only. */
record GenericObject(ObjectMeta meta) implements VineyardObject {
  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
