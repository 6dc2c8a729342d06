/**
 * The native calls, and only they: POSIX through {@code java.lang.foreign} (no JNI). UNIX-domain
 * sockets with fd passing (SCM_RIGHTS), shared-memory files ({@code open}, {@code ftruncate},
 * {@code fallocate}) and their mappings ({@code mmap}, {@code munmap}, {@code madvise}). Used by
 * the protocol (sockets), the store (arenas) and the client (mappings).
 *
 * <p>Must not: know Vineyard's protocol or objects; failures are {@link java.io.IOException}s
 * naming the call and the errno.
 */
@Export
@Version("0.1.0")
package io.vineyard.posix;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
