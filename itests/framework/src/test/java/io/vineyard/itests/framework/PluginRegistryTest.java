package io.vineyard.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.dictionary.Dictionaries;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The client's {@link PluginRegistry} follows {@link ObjectTypePlugin} services as they come and
 * go: one registered by the test, and the blob plugin while its bundle stops and starts.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PluginRegistryTest {
  private static final String BLOB = "vineyard::Blob";

  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  PluginRegistry registry;

  @Test
  void pluginRegisteredByTheTestComesAndGoes() {
    assertTrue(
        registry.forTypename("test::Thing<x>").isEmpty(), "test::Thing before registering it");
    ThingPlugin plugin = new ThingPlugin();
    ServiceRegistration<ObjectTypePlugin> registration =
        context.registerService(
            ObjectTypePlugin.class,
            plugin,
            Dictionaries.dictionaryOf(ObjectTypePlugin.TYPENAME_PROPERTY, ThingPlugin.FAMILY));
    try {
      Await.until(
          () -> registry.forTypename("test::Thing<x>").isPresent(),
          () -> "test::Thing<x> found; families: " + registry.families());
      assertSame(plugin, registry.forTypename("test::Thing<x>").orElseThrow());
      assertSame(plugin, registry.forTypename(ThingPlugin.FAMILY).orElseThrow());
      assertSame(plugin, registry.forValue(new ThingPlugin.Thing("x")).orElseThrow(), "by value");
      assertTrue(
          registry.forTypename("test::Thingamajig").isEmpty(), "a longer name is another family");
      assertTrue(
          registry.families().contains(ThingPlugin.FAMILY),
          () -> "families " + registry.families());
    } finally {
      registration.unregister();
    }
    Await.until(
        () -> registry.forTypename("test::Thing<x>").isEmpty(),
        () -> "test::Thing gone after unregistering; families: " + registry.families());
    assertFalse(
        registry.families().contains(ThingPlugin.FAMILY), () -> "families " + registry.families());
    assertTrue(
        registry.forValue(new ThingPlugin.Thing("x")).isEmpty(), "by value after unregistering");
  }

  @Test
  void blobFamilyFollowsItsBundle() throws BundleException {
    Bundle blob = Bundles.bySymbolicName(context, "vineyard-plugin-blob");
    assertTrue(
        registry.families().contains(BLOB),
        () -> "families before stopping " + blob + ": " + registry.families());
    try {
      blob.stop();
      Await.until(
          () -> !registry.families().contains(BLOB),
          () -> BLOB + " gone after stopping its bundle; families: " + registry.families());
      assertTrue(registry.forTypename(BLOB).isEmpty(), "lookup while the blob bundle is stopped");
    } finally {
      // the other tests need it back, whatever happened above
      blob.start();
    }
    Await.until(
        () -> registry.families().contains(BLOB),
        () -> BLOB + " back after starting its bundle; families: " + registry.families());
    assertEquals(BLOB, registry.forTypename(BLOB).orElseThrow().typename());
  }
}
