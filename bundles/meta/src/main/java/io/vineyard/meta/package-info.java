/**
 * Object metadata behind one service, {@link io.vineyard.meta.MetadataService}, split by concern:
 * the table of trees ({@link io.vineyard.meta.ObjectTable}), what is global (persist, names,
 * labels: {@link io.vineyard.meta.SharedMetadata}) and the cluster ({@link
 * io.vineyard.meta.ClusterStatus}); and cluster-unique ID generation.
 *
 * <p>Must not: copy trees (they are immutable) or know the wire format.
 */
@Export
@Version("0.3.0")
package io.vineyard.meta;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
