/**
 * The bulk store's implementation: arena files ({@link io.vineyard.store.internal.ShmArena}), the
 * allocator inside them, the blob table with per-connection references, and the DS component.
 * Private to the bundle.
 *
 * <p>Must not: free memory a connection still references, or grow past the configured limit.
 */
package io.vineyard.store.internal;
