/**
 * The in-memory building block of the metadata services: a lone instance's table of trees, names
 * and labels ({@code LocalMetadataService}), which the standalone and Raft services reuse.
 *
 * <p>Must not: be exported (services are reached through {@link io.vineyard.meta.MetadataService}),
 * or keep trees anywhere but in memory.
 */
package io.vineyard.meta.internal;
