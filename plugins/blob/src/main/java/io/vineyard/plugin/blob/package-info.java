/**
 * The {@code vineyard::Blob} object type: {@code byte[]}, {@link java.nio.ByteBuffer} and {@link
 * java.lang.foreign.MemorySegment} values become blobs; blobs resolve to zero-copy, read-only
 * views. Private: the plugin is reached as an {@code ObjectTypePlugin} service.
 *
 * <p>Must not: copy a blob on get: it resolves to read-only views of the shared mapping.
 */
package io.vineyard.plugin.blob;
