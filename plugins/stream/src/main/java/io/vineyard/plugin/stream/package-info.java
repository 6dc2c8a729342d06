/**
 * vineyard's stream object types: {@code vineyard::ByteStream} (chunks are blobs), {@code
 * vineyard::RecordBatchStream} and {@code vineyard::DataframeStream} (chunks are record batches or
 * data frames), with their parameters in {@code params_} as vineyard's Python client writes them (a
 * JSON text of an object). Their typed view is {@link io.vineyard.plugin.stream.StreamObject}; the
 * chunks flow through {@code VineyardClient.openStreamWriter}/{@code openStreamReader}.
 *
 * <p>Must not: move chunks: a stream's object is its metadata; the instance carries the chunks.
 */
@Export
@Version("0.1.0")
package io.vineyard.plugin.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
