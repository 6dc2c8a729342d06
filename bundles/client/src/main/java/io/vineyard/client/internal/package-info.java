/**
 * The client's implementation (private): the IPC connection, the per-connection shared-memory
 * mappings, blob views and writers, the plugin registries (ServiceLoader and OSGi), and the
 * in-process {@code VineyardClient} service for bundles deployed in the runtime.
 *
 * <p>Must not: build or read raw JSON (messages are the protocol's records) or know a typename
 * (plugins do).
 */
package io.vineyard.client.internal;
