package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/** {@code vineyard::FixedSizeListArray}: a FixedSizeListVector without null lists. */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.FIXED_LIST)
public final class FixedSizeListArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public FixedSizeListArrayPlugin() {
    super(Typenames.FIXED_LIST);
  }
}
