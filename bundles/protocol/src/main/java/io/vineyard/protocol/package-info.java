/**
 * vineyardd's IPC wire protocol: 8-byte little-endian length frames of JSON, the command
 * names, buffer payloads and error replies. Shared by the server and the client.
 */
@Export
@Version("0.1.0")
package io.vineyard.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
