package io.vineyard.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Each plugin bundle registers its plugin as an {@link ObjectTypePlugin} service carrying its
 * typename family.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PluginServicesTest {

  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  ServiceAware<ObjectTypePlugin> plugins;

  @InjectService(timeout = 5000)
  PluginRegistry registry;

  @Test
  void blobPluginIsAServiceWithItsTypename(
      @InjectService(
              filter = "(" + ObjectTypePlugin.TYPENAME_PROPERTY + "=vineyard::Blob)",
              timeout = 5000)
          ServiceAware<ObjectTypePlugin> blob) {
    assertEquals(1, blob.size(), "vineyard::Blob plugin services");
    ServiceReference<ObjectTypePlugin> ref = blob.getServiceReference();
    assertEquals("vineyard-plugin-blob", ref.getBundle().getSymbolicName());
    ObjectTypePlugin plugin = blob.getService();
    assertEquals("vineyard::Blob", plugin.typename());
    assertTrue(plugin.canPut(new byte[0]), "the blob plugin puts byte[]");
  }

  @Test
  void everyPluginBundleRegistersItsFamilies() {
    Map<String, Set<String>> registered = new TreeMap<>();
    for (ServiceReference<ObjectTypePlugin> ref : plugins.getServiceReferences()) {
      Object family = ref.getProperty(ObjectTypePlugin.TYPENAME_PROPERTY);
      assertNotNull(
          family, () -> "plugin service " + ref + " has no " + ObjectTypePlugin.TYPENAME_PROPERTY);
      assertTrue(
          registered
              .computeIfAbsent(ref.getBundle().getSymbolicName(), b -> new TreeSet<>())
              .add(family.toString()),
          () -> "two plugin services of " + ref.getBundle().getSymbolicName() + " for " + family);
    }
    assertEquals(
        new TreeMap<>(ExpectedPlugins.FAMILIES),
        registered,
        "plugin bundle -> registered families");
  }

  @Test
  void serviceTypenamePropertyMatchesThePlugin() {
    for (ServiceReference<ObjectTypePlugin> ref : plugins.getServiceReferences()) {
      assertEquals(
          ref.getProperty(ObjectTypePlugin.TYPENAME_PROPERTY),
          plugins.getService(ref).typename(),
          () -> "service property vs typename() of " + ref);
    }
  }

  @Test
  void pluginBundlesAreActive() {
    for (String name : ExpectedPlugins.FAMILIES.keySet()) {
      Bundle bundle = Bundles.bySymbolicName(context, name);
      assertEquals(Bundle.ACTIVE, bundle.getState(), () -> name + " state");
    }
  }

  @Test
  void registryListsEveryPluginFamily() {
    Set<String> expected = ExpectedPlugins.allFamilies();
    assertTrue(
        registry.families().containsAll(expected),
        () -> "registry families " + registry.families() + " lack some of " + expected);
    for (String family : expected) {
      assertEquals(
          family, registry.forTypename(family).map(ObjectTypePlugin::typename).orElse(null));
    }
  }
}
