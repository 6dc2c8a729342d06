/**
 * The instance's bulk store: shared-memory arena files, the blobs allocated in them and the
 * references connections hold on those blobs. Who frees memory, and when, is written on {@link
 * io.vineyard.store.BulkStore}.
 *
 * <p>Must not: know metadata or the protocol: blobs are bytes, IDs and references.
 */
@Export
@Version("0.3.0")
package io.vineyard.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
