package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.BlobMessages.CreateBufferReply;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import java.util.List;

/**
 * The messages of vineyardd's RPC endpoint, for clients that cannot map shared memory: blobs
 * created and read with their bytes carried over the connection right after the JSON, and the
 * migration of an object's payload from another instance.
 *
 * <p>Byte order on the connection (no compression, no RDMA): {@code create_remote_buffer(s)} is
 * answered once ("go on"), then the client writes each blob's bytes back to back, then a second
 * reply of the same type confirms; {@code get_remote_buffers} is answered, then the server writes
 * the bytes of each payload of the reply in its order.
 */
public final class RemoteMessages {
  private RemoteMessages() {}

  /**
   * {@code create_remote_buffer_request}: a blob whose {@code size} bytes follow the first reply.
   *
   * @param size the blob's size in bytes
   * @param compress whether the client will send the bytes compressed (refused here: the register
   *     reply says {@code support_rpc_compression: false})
   * @param useRdma whether the bytes come by RDMA (refused here: no RDMA endpoint)
   */
  public record CreateRemoteBufferRequest(
      @JsonProperty(required = true) long size, boolean compress, boolean useRdma)
      implements Request<CreateBufferReply> {}

  /**
   * {@code create_remote_buffers_request}: blobs whose bytes follow the first reply, in order.
   *
   * @param num the number of sizes (vineyardd writes it; {@code sizes} decides)
   * @param sizes each blob's size in bytes
   * @param compress as in {@link CreateRemoteBufferRequest}
   * @param useRdma as in {@link CreateRemoteBufferRequest}
   */
  public record CreateRemoteBuffersRequest(
      Long num, @JsonProperty(required = true) List<Long> sizes, boolean compress, boolean useRdma)
      implements Request<StoreMessages.CreateBuffersReply> {}

  /**
   * {@code get_remote_buffers_request}: on the wire {@code num} and numbered keys {@code "0"},
   * {@code "1"}, … (an {@code ids} array is accepted too), as {@code get_buffers_request}. Answered
   * with a {@link GetBuffersReply} whose payloads' bytes follow it, in payload order.
   *
   * @param ids the blobs wanted
   * @param unsafe whether unsealed blobs may be returned
   * @param compress whether the client asks for compressed bytes (ignored: the reply says {@code
   *     compress: false} and the bytes come raw, which vineyardd's clients follow)
   * @param useRdma whether the bytes should come by RDMA (refused here)
   */
  @JsonSerialize(using = RemoteJson.GetRequestWriter.class)
  @JsonDeserialize(using = RemoteJson.GetRequestReader.class)
  public record GetRemoteBuffersRequest(
      List<ObjectId> ids, boolean unsafe, boolean compress, boolean useRdma)
      implements Request<GetBuffersReply> {}

  /**
   * {@code migrate_object_request}: copy the payload of an object that lives on another instance
   * into this one (instance to instance, through the other instance's RPC endpoint). vineyardd's
   * older form also carries {@code local}, {@code is_stream}, {@code peer} and {@code
   * peer_rpc_endpoint} (its separate vineyard-migrate process copies there); they are read and
   * ignored: the cluster metadata says where each blob lives.
   *
   * @param objectId the object to migrate
   */
  public record MigrateObjectRequest(@JsonProperty(required = true) ObjectId objectId)
      implements Request<MigrateObjectReply> {}

  /**
   * {@code migrate_object_reply}.
   *
   * @param objectId the migrated object on this instance (the request's own ID when its payload is
   *     here already)
   */
  public record MigrateObjectReply(ObjectId objectId) implements Reply {}
}
