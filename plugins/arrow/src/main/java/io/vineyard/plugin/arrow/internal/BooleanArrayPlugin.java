package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/** {@code vineyard::BooleanArray}: a BitVector. */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.BOOLEAN)
public final class BooleanArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public BooleanArrayPlugin() {
    super(Typenames.BOOLEAN);
  }
}
