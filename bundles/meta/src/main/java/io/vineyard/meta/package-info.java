/**
 * Object metadata behind one interface, {@link io.vineyard.meta.MetadataService}: object trees
 * by ID, the members they reference, and cluster-unique ID generation.
 */
@Export
@Version("0.2.0")
package io.vineyard.meta;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
