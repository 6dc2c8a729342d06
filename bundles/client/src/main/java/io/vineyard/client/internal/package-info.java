/**
 * The client's implementation (private): the IPC connection, the per-connection shared-memory
 * mappings, blob views and writers, and the plugin registries (ServiceLoader and OSGi).
 */
package io.vineyard.client.internal;
