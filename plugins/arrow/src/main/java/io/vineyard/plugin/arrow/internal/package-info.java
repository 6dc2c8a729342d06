/**
 * The Arrow plugin's implementation (private): the DS components / ServiceLoader providers (one per
 * typename family), the tree layouts, loading vectors over blobs and writing vectors into blobs.
 *
 * <p>Must not: be exported.
 */
package io.vineyard.plugin.arrow.internal;
