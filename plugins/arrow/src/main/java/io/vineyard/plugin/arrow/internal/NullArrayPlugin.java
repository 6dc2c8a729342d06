package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/** {@code vineyard::NullArray}: a NullVector. */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.NULL)
public final class NullArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public NullArrayPlugin() {
    super(Typenames.NULL);
  }
}
