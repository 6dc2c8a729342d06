package io.vineyard.api.spi;

import java.util.Optional;
import java.util.ServiceLoader;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The object-type plugins a client uses: by typename for reading, by Java value for putting.
 *
 * <p>Implementations must be thread-safe; lookups happen on every {@code put}, {@code get} and
 * {@code getObject}. Inside an OSGi framework the API bundle registers one backed by the {@link
 * ObjectTypePlugin} services; outside, {@link #serviceLoader} finds the providers on a class path.
 * The server uses the same registry to validate trees before storing them. Provided by Vineyard,
 * not implemented by plugins (they implement {@link ObjectTypePlugin}).
 */
@ProviderType
public interface PluginRegistry {

  /**
   * The plugin for a full typename, found by its family: {@code vineyard::Array<double>} is handled
   * by the {@code vineyard::Array} plugin.
   */
  Optional<ObjectTypePlugin> forTypename(String fullTypename);

  /** The plugin that can put this value, if any. */
  Optional<ObjectTypePlugin> forValue(Object value);

  /** The typename families of the plugins present, sorted (for messages). */
  java.util.List<String> families();

  /**
   * The plugins declared as {@link ServiceLoader} providers of {@link ObjectTypePlugin} visible to
   * {@code loader}, instantiated once, now. A provider that fails to load is skipped (and logged);
   * when two share a typename the first one found wins.
   */
  static PluginRegistry serviceLoader(ClassLoader loader) {
    return PluginTable.fromServiceLoader(loader);
  }
}
