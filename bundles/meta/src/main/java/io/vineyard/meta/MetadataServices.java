package io.vineyard.meta;

import io.vineyard.meta.internal.LocalMetadataService;

/** Metadata services for use outside OSGi (tests, embedding). */
public final class MetadataServices {
  private MetadataServices() {}

  /** The in-memory metadata of a lone instance. */
  public static MetadataService local(long instanceId) {
    return new LocalMetadataService(instanceId);
  }
}
