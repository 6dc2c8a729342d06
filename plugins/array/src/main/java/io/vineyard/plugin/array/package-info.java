/**
 * The {@code vineyard::Array<T>} object type: Java primitive arrays (and {@link
 * io.vineyard.plugin.array.ArrayValue} for bytes and unsigned types) become one blob of
 * little-endian elements; {@link io.vineyard.plugin.array.ArrayObject} is the typed view.
 *
 * <p>Must not: copy a payload on get: views and buffers are over the shared memory.
 */
@Export
@Version("0.1.0")
package io.vineyard.plugin.array;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
