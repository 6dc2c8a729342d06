package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import org.osgi.service.component.annotations.Component;

/** {@code vineyard::RecordBatch}: a VectorSchemaRoot. */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + Typenames.RECORD_BATCH)
public final class RecordBatchPlugin extends ArrowPlugin {
  /** For ServiceLoader and DS. */
  public RecordBatchPlugin() {
    super(Typenames.RECORD_BATCH);
  }
}
