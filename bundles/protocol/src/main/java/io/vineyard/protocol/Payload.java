package io.vineyard.protocol;

import io.vineyard.api.ObjectId;

/**
 * Where a blob's bytes are: vineyardd's {@code Payload}.
 *
 * <p>A client maps {@code mappingLength} bytes of the store file from offset 0 and finds the data
 * at {@code dataOffset}. On the wire {@code map_size} is {@code mappingLength + 8} (vineyardd's
 * "realign"); only the codec knows that.
 *
 * @param objectId the blob
 * @param storeFd the server's fd number of the store file (a key; -1 for the empty blob)
 * @param dataOffset offset of the data in the mapping
 * @param dataSize the blob's size
 * @param mappingLength how many bytes of the store file a client maps
 * @param pointer the server's address of the data (informational; 0 here)
 * @param sealed whether the blob is sealed
 * @param owner whether the receiver owns the blob
 */
public record Payload(
    ObjectId objectId,
    int storeFd,
    long dataOffset,
    long dataSize,
    long mappingLength,
    long pointer,
    boolean sealed,
    boolean owner) {

  /** The payload of the empty blob. */
  public static Payload empty() {
    return new Payload(ObjectId.EMPTY_BLOB, -1, 0, 0, 0, 0, true, true);
  }
}
