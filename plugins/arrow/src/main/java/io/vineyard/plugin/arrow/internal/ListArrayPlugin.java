package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/** {@code vineyard::BaseListArray<arrow::(Large)ListArray>}: List and LargeList vectors. */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.LIST)
public final class ListArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public ListArrayPlugin() {
    super(Typenames.LIST);
  }
}
