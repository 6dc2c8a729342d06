package io.vineyard.store;

import io.vineyard.api.ObjectId;

/**
 * Where a blob's bytes live: what a client needs to map them (vineyardd's {@code Payload}).
 *
 * <p>A client maps {@code mapSize} bytes of the arena file it received for {@code storeFd} (once
 * per connection) and finds the blob at {@code offset}. A handle is a value: it holds no reference
 * and frees nothing; references are taken and dropped through {@link BulkStore}.
 *
 * @param id the blob's ID
 * @param storeFd the server-side fd of the arena file, the key clients cache their mapping by
 *     ({@code -1} for the empty blob)
 * @param offset the blob's first byte within the arena file
 * @param size the blob's size in bytes, as requested (the allocation is rounded up to 64 bytes)
 * @param mapSize the arena file's size: how much a client maps for {@code storeFd}
 * @param sealed whether the blob is sealed (immutable, readable by all)
 * @param creator the connection that created the blob
 */
public record BlobHandle(
    ObjectId id, int storeFd, long offset, long size, long mapSize, boolean sealed, long creator) {}
