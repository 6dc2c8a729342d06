package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::NumericArray<T>}: integer and floating-point vectors (and the integers of dates,
 * times and timestamps).
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.NUMERIC)
public final class NumericArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public NumericArrayPlugin() {
    super(Typenames.NUMERIC);
  }
}
