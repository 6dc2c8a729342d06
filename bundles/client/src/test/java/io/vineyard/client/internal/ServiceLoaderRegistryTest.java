package io.vineyard.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.spi.PluginRegistry;
import org.junit.jupiter.api.Test;

/** Outside OSGi a client finds its plugins as ServiceLoader providers on its class path. */
class ServiceLoaderRegistryTest {
  @Test
  void serviceLoaderFindsTheBlobPluginOnTheClassPath() {
    PluginRegistry r = PluginRegistry.serviceLoader(getClass().getClassLoader());
    assertEquals("vineyard::Blob", r.forTypename("vineyard::Blob").orElseThrow().typename());
    assertEquals("vineyard::Blob", r.forValue(new byte[0]).orElseThrow().typename());
    assertTrue(r.forValue(new Thread(() -> {})).isEmpty());
  }
}
