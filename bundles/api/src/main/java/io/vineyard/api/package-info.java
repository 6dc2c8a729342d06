/**
 * The Vineyard client API: object IDs, metadata trees, typed object views, the client interface
 * and one exception type per vineyardd error code.
 */
@Export
@Version("0.2.0")
package io.vineyard.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
