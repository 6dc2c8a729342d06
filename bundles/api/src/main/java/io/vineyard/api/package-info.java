/**
 * The Vineyard client API: object IDs and their bit layout, immutable metadata trees ({@link
 * io.vineyard.api.ObjectMeta}, which owns the member rule and the blob tree), typed object views,
 * the client interface, and the exceptions with their one table of vineyardd's codes.
 *
 * <p>Must not: depend on anything but the JDK and OSGi annotations: no Jackson, no JGroups, no wire
 * format in any signature.
 */
@Export
@Version("0.3.0")
package io.vineyard.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
