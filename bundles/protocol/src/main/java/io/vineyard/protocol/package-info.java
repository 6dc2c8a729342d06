/**
 * vineyardd's IPC wire protocol, owned here once: 8-byte little-endian length frames, one record
 * per request and reply ({@link io.vineyard.protocol.Command} names them), and the one {@link
 * io.vineyard.protocol.Codec} that reads and writes them and metadata trees. vineyardd's quirks
 * (IDs as unsigned or signed numbers, numbered keys, {@code map_size} + 8, {@code get_data_reply}
 * for lists) live in one (de)serializer each.
 *
 * <p>Must not: hand out Jackson types (they stay inside the codec), or know what a typename means.
 */
@Export
@Version("0.3.0")
package io.vineyard.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
