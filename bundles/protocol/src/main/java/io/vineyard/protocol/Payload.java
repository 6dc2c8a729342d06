package io.vineyard.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;

/**
 * Where a blob's bytes are: vineyardd's {@code Payload} JSON.
 *
 * <p>{@code mapSize} is the wire value: a client maps {@code mapSize - 8} bytes of the store
 * file from offset 0 (vineyardd's "realign") and finds the data at {@code dataOffset}.
 *
 * @param objectId the blob
 * @param storeFd the server's fd number of the store file (a key; -1 for the empty blob)
 * @param dataOffset offset of the data in the mapping
 * @param dataSize the blob's size
 * @param mapSize mapping length + 8
 * @param pointer the server's address of the data (informational; 0 here)
 * @param sealed whether the blob is sealed
 * @param owner whether the receiver owns the blob
 */
public record Payload(
    ObjectId objectId, int storeFd, long dataOffset, long dataSize, long mapSize, long pointer, boolean sealed, boolean owner) {

  /** The extra bytes vineyardd adds to {@code map_size} (its clients map {@code map_size - 8}). */
  public static final long REALIGN = 8;

  /** The payload of the empty blob. */
  public static Payload empty() {
    return new Payload(ObjectId.EMPTY_BLOB, -1, 0, 0, 0, 0, true, true);
  }

  /** The length a client maps: {@code mapSize - 8}. */
  public long mappingLength() {
    return mapSize - REALIGN;
  }

  /** Writes the vineyardd JSON form into {@code out}. */
  public ObjectNode toJson(ObjectNode out) {
    Json.putId(out, "object_id", objectId);
    out.put("store_fd", storeFd);
    out.put("data_offset", dataOffset);
    out.put("data_size", dataSize);
    out.put("map_size", mapSize);
    out.put("pointer", pointer);
    out.put("is_sealed", sealed);
    out.put("is_owner", owner);
    out.put("is_gpu", false);
    return out;
  }

  /** Reads the vineyardd JSON form. */
  public static Payload fromJson(JsonNode in) {
    return new Payload(
        Json.id(in, "object_id"),
        Json.requiredLong(in, "store_fd").intValue(),
        Json.requiredLong(in, "data_offset"),
        Json.requiredLong(in, "data_size"),
        Json.requiredLong(in, "map_size"),
        in.path("pointer").asLong(0),
        in.path("is_sealed").asBoolean(false),
        in.path("is_owner").asBoolean(true));
  }
}
