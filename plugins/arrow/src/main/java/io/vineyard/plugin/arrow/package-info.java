/**
 * Apache Arrow through Vineyard: {@link org.apache.arrow.vector.VectorSchemaRoot} as {@code
 * vineyard::RecordBatch}, {@link io.vineyard.plugin.arrow.ArrowTable} as {@code vineyard::Table},
 * single vectors as vineyard's array types, in vineyard's own metadata layout; {@link
 * io.vineyard.plugin.arrow.StoreAllocator} gives an Arrow allocator whose buffers are blobs.
 *
 * <p>Must not: copy a payload on get: vectors are over the shared memory.
 */
@Export
@Version("0.1.0")
package io.vineyard.plugin.arrow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
