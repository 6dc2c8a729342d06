package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/** {@code vineyard::FixedSizeBinaryArray}: a FixedSizeBinaryVector. */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.FIXED_BINARY)
public final class FixedSizeBinaryArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public FixedSizeBinaryArrayPlugin() {
    super(Typenames.FIXED_BINARY);
  }
}
