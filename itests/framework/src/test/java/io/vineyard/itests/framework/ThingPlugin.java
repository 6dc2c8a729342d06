package io.vineyard.itests.framework;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;

/**
 * A plugin the tests register and unregister themselves (family {@code test::Thing}, puts {@link
 * Thing} values); only its presence in the registry is tested, never a put or a get.
 */
final class ThingPlugin implements ObjectTypePlugin {
  static final String FAMILY = "test::Thing";

  /** The values this plugin claims. */
  record Thing(String name) {}

  @Override
  public String typename() {
    return FAMILY;
  }

  @Override
  public boolean canPut(Object value) {
    return value instanceof Thing;
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    throw new UnsupportedOperationException("test::Thing is never stored");
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    throw new UnsupportedOperationException("test::Thing is never read");
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    throw new UnsupportedOperationException("test::Thing is never read");
  }
}
