package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/** {@code vineyard::Table}: an ArrowTable (batches of one schema). */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.TABLE)
public final class TablePlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public TablePlugin() {
    super(Typenames.TABLE);
  }
}
