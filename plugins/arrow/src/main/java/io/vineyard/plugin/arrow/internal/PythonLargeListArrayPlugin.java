package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::LargeListArray}: large lists as vineyard's Python client names them (resolved
 * only).
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.PY_LARGE_LIST)
public final class PythonLargeListArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public PythonLargeListArrayPlugin() {
    super(Typenames.PY_LARGE_LIST);
  }
}
