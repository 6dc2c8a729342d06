package io.vineyard.api.internal;

import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.api.spi.PluginTable;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The registry inside an OSGi framework: every {@link ObjectTypePlugin} service (whiteboard), keyed
 * by its {@value ObjectTypePlugin#TYPENAME_PROPERTY} property (or, when absent, its {@link
 * ObjectTypePlugin#typename()}), ordered by service ranking. Plugins come and go while clients run;
 * a lookup sees the plugins registered at that moment.
 */
@Component(service = PluginRegistry.class)
public class OsgiPluginRegistry extends PluginTable {
  private static final System.Logger LOG = System.getLogger(OsgiPluginRegistry.class.getName());

  /** Called by DS for each plugin service. */
  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      unbind = "removePlugin")
  void addPlugin(ObjectTypePlugin plugin, Map<String, Object> properties) {
    Object family = properties.get(ObjectTypePlugin.TYPENAME_PROPERTY);
    Object ranking = properties.get("service.ranking");
    String typename = family instanceof String s && !s.isEmpty() ? s : plugin.typename();
    add(typename, ranking instanceof Integer r ? r : 0, plugin);
    LOG.log(
        System.Logger.Level.INFO,
        "object-type plugin for " + typename + " installed (" + plugin.getClass().getName() + ")");
  }

  void removePlugin(ObjectTypePlugin plugin) {
    remove(plugin);
    LOG.log(
        System.Logger.Level.INFO,
        "object-type plugin for "
            + plugin.typename()
            + " removed ("
            + plugin.getClass().getName()
            + ")");
  }
}
