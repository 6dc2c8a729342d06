package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::BaseBinaryArray<arrow::(Large)String|BinaryArray>}: VarChar, LargeVarChar,
 * VarBinary and LargeVarBinary vectors.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.BINARY)
public final class BinaryArrayPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public BinaryArrayPlugin() {
    super(Typenames.BINARY);
  }
}
