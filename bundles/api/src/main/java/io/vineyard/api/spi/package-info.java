/**
 * The object-type plugin SPI: a plugin turns Java values into metadata and blobs, and metadata back
 * into typed views and Java values. Plugins register as OSGi services and as {@link
 * java.util.ServiceLoader} providers of {@link io.vineyard.api.spi.ObjectTypePlugin}.
 *
 * <p>Must not: reach the wire or the store: plugins see only their contexts, ObjectMeta and the
 * views.
 */
@Export
@Version("0.3.0")
package io.vineyard.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
