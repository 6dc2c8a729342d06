package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vineyard.api.ObjectId;
import java.util.List;

/**
 * The messages of the blob lifecycle: create_buffer, seal, get_buffers, release, drop_buffer,
 * references.
 */
public final class BlobMessages {
  private BlobMessages() {}

  /**
   * {@code create_buffer_request}.
   *
   * @param size the blob's size in bytes
   */
  public record CreateBufferRequest(@JsonProperty(required = true) long size)
      implements Request<CreateBufferReply> {}

  /**
   * {@code create_buffer_reply}; the store fd follows by SCM_RIGHTS when {@code fd} is not -1.
   *
   * @param id the new blob
   * @param fd the store fd sent now, -1 when none, null when the server did not say (vineyardd's
   *     older servers: a client receives when the store file is new to it)
   * @param created where the blob's bytes are
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CreateBufferReply(ObjectId id, Integer fd, Payload created) implements Reply {}

  /**
   * {@code seal_request}.
   *
   * @param objectId the blob to seal
   */
  public record SealRequest(@JsonProperty(required = true) ObjectId objectId)
      implements Request<SealReply> {}

  /** {@code seal_reply}. */
  public record SealReply() implements Reply {}

  /**
   * {@code get_buffers_request}: on the wire {@code num} and numbered keys {@code "0"}, {@code
   * "1"}, … (an {@code ids} array is accepted too).
   *
   * @param ids the blobs wanted
   * @param unsafe whether unsealed blobs may be returned
   */
  @JsonSerialize(using = BufferJson.RequestWriter.class)
  @JsonDeserialize(using = BufferJson.RequestReader.class)
  public record GetBuffersRequest(List<ObjectId> ids, boolean unsafe)
      implements Request<GetBuffersReply> {}

  /**
   * {@code get_buffers_reply}; one SCM_RIGHTS message per entry of {@code fds} follows, in order.
   * Read back, numbered payload keys are accepted when {@code payloads} is absent (older servers).
   *
   * @param payloads the blobs found (unknown ones are left out)
   * @param fds the store fds sent now, null when the server did not say
   * @param num the number of payloads
   * @param compress always false here
   */
  @JsonDeserialize(using = BufferJson.ReplyReader.class)
  public record GetBuffersReply(
      List<Payload> payloads, List<Integer> fds, int num, boolean compress) implements Reply {

    /**
     * The payloads again under {@code "0"}, {@code "1"}, …: vineyardd writes both forms, and
     * clients that predate {@code payloads} (its Java client among them) read only these.
     */
    @com.fasterxml.jackson.annotation.JsonAnyGetter
    public java.util.Map<String, Payload> numbered() {
      java.util.Map<String, Payload> out = new java.util.LinkedHashMap<>();
      if (payloads != null) {
        for (int i = 0; i < payloads.size(); i++) {
          out.put(Integer.toString(i), payloads.get(i));
        }
      }
      return out;
    }
  }

  /**
   * {@code release_request}: drops this connection's reference.
   *
   * @param objectId the blob
   */
  public record ReleaseRequest(@JsonProperty(required = true) ObjectId objectId)
      implements Request<ReleaseReply> {}

  /** {@code release_reply}. */
  public record ReleaseReply() implements Reply {}

  /**
   * {@code drop_buffer_request}: deletes an unsealed blob of this connection.
   *
   * @param id the blob
   */
  public record DropBufferRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<DropBufferReply> {}

  /** {@code drop_buffer_reply}. */
  public record DropBufferReply() implements Reply {}

  /**
   * {@code increase_reference_count_request}.
   *
   * @param ids the blobs to hold
   */
  public record IncreaseReferenceCountRequest(@JsonProperty(required = true) List<ObjectId> ids)
      implements Request<IncreaseReferenceCountReply> {}

  /** {@code increase_reference_count_reply}. */
  public record IncreaseReferenceCountReply() implements Reply {}
}
