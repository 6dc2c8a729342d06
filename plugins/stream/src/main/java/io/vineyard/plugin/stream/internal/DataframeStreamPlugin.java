package io.vineyard.plugin.stream.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.plugin.stream.StreamObject;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::DataframeStream}: a stream whose chunks are data frames. Registered as a DS
 * component and as a {@link java.util.ServiceLoader} provider.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + StreamObject.DATAFRAME_STREAM)
public final class DataframeStreamPlugin extends StreamPlugin {
  /** For ServiceLoader and DS. */
  public DataframeStreamPlugin() {
    super(StreamObject.DATAFRAME_STREAM);
  }
}
