/**
 * POSIX calls through {@code java.lang.foreign}: UNIX-domain sockets with fd passing
 * (SCM_RIGHTS), shared-memory files and their mappings. Used by the server, the store and the
 * client; no JNI.
 */
@Export
@Version("0.1.0")
package io.vineyard.protocol.unix;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
