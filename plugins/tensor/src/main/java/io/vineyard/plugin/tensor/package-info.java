/**
 * The {@code vineyard::Tensor<T>} object type: {@link io.vineyard.plugin.tensor.Tensor} values
 * (element type, shape, C or F order, elements) become one blob of little-endian elements plus
 * numpy-compatible metadata; {@link io.vineyard.plugin.tensor.TensorObject} is the typed view.
 *
 * <p>Must not: copy a payload on get: tensors are over the shared memory.
 */
@Export
@Version("0.1.0")
package io.vineyard.plugin.tensor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
