package io.vineyard.plugin.stream.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.plugin.stream.StreamObject;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::ByteStream}: a stream whose chunks are blobs, as vineyard's ByteStream writer
 * makes them. Registered as a DS component and as a {@link java.util.ServiceLoader} provider.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + StreamObject.BYTE_STREAM)
public final class ByteStreamPlugin extends StreamPlugin {
  /** For ServiceLoader and DS. */
  public ByteStreamPlugin() {
    super(StreamObject.BYTE_STREAM);
  }
}
