/**
 * The IPC server: vineyardd's protocol on a UNIX-domain socket, over the bulk store and the
 * metadata service. {@link io.vineyard.server.EmbeddedServer} runs one outside OSGi.
 */
@Export
@Version("0.1.0")
package io.vineyard.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
