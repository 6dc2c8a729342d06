package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::LargeStringArray}: large strings as vineyard's Python client names them
 * (resolved only).
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.PY_LARGE_STRING)
public final class PythonLargeStringArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public PythonLargeStringArrayPlugin() {
    super(Typenames.PY_LARGE_STRING);
  }
}
