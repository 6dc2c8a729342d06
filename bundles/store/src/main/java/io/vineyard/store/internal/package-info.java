/**
 * The bulk store's implementation: arena files ({@link io.vineyard.store.internal.ShmArena}),
 * the allocator inside them, the blob table with per-connection references, and the DS component.
 * Private to the bundle.
 */
package io.vineyard.store.internal;
