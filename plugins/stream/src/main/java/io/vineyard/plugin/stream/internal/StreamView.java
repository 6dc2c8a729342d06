package io.vineyard.plugin.stream.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.plugin.stream.StreamObject;
import java.util.Map;

/**
 * A stream's view: its tree and its parameters, read once.
 *
 * @param meta the stream's tree
 * @param params its parameters
 */
record StreamView(ObjectMeta meta, Map<String, Object> params) implements StreamObject {
  @Override
  public String toString() {
    return VineyardObject.describe(this);
  }
}
