package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::SchemaProxy}: an Arrow Schema (resolved only; batches and tables put their own).
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.SCHEMA)
public final class SchemaProxyPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public SchemaProxyPlugin() {
    super(Typenames.SCHEMA);
  }
}
