/**
 * The metadata service of a lone instance (the {@code standalone} bundle set): persisted objects
 * and names durable in MapDB in the instance's data directory, transient objects in its {@code
 * transient.log}, all of them in memory too. Nothing is exported: the service is found through
 * {@link io.vineyard.meta.MetadataService}.
 *
 * <p>Must not: write trees in a form of its own: they are stored as the codec writes them.
 */
package io.vineyard.meta.local;
