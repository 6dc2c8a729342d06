package io.vineyard.plugin.stream.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.plugin.stream.StreamObject;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::RecordBatchStream}: a stream whose chunks are Arrow record batches. Registered
 * as a DS component and as a {@link java.util.ServiceLoader} provider.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + StreamObject.RECORD_BATCH_STREAM)
public final class RecordBatchStreamPlugin extends StreamPlugin {
  /** For ServiceLoader and DS. */
  public RecordBatchStreamPlugin() {
    super(StreamObject.RECORD_BATCH_STREAM);
  }
}
