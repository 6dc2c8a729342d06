package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::StringArray}: strings as older vineyard Python clients name them (resolved
 * only).
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.PY_STRING)
public final class PythonStringArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public PythonStringArrayPlugin() {
    super(Typenames.PY_STRING);
  }
}
