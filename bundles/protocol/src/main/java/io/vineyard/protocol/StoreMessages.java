package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vineyard.api.ObjectId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of the bulk store beyond one blob's lifecycle: create_buffers (a batch),
 * shrink_buffer, is_in_use, memory_trim.
 */
public final class StoreMessages {
  private StoreMessages() {}

  /**
   * {@code create_buffers_request}: one round trip for many blobs.
   *
   * @param sizes the blobs' sizes in bytes, in order ({@code num} on the wire repeats the count;
   *     vineyardd reads {@code sizes} alone)
   */
  public record CreateBuffersRequest(@JsonProperty(required = true) List<Long> sizes)
      implements Request<CreateBuffersReply> {

    /** vineyardd writes the count too. */
    @JsonProperty("num")
    public int num() {
      return sizes == null ? 0 : sizes.size();
    }
  }

  /**
   * {@code create_buffers_reply}; one SCM_RIGHTS message per entry of {@code fds} follows, in
   * order. As vineyardd, the payloads are written twice: as {@code payloads} and under numbered
   * keys {@code "0"}, {@code "1"}, … (what vineyardd's own reader takes).
   *
   * @param num the number of blobs
   * @param ids the new blobs, in the order of the sizes
   * @param fds the store fds sent now (each once, ascending), null when the server did not say
   * @param payloads where each blob's bytes are, in the order of the sizes
   */
  public record CreateBuffersReply(
      int num, List<ObjectId> ids, List<Integer> fds, List<Payload> payloads) implements Reply {

    /** The numbered copies of the payloads. */
    @JsonAnyGetter
    public Map<String, Payload> numbered() {
      Map<String, Payload> out = new LinkedHashMap<>();
      if (payloads != null) {
        for (int i = 0; i < payloads.size(); i++) {
          out.put(Integer.toString(i), payloads.get(i));
        }
      }
      return out;
    }
  }

  /**
   * {@code shrink_buffer_request}: an unsealed blob gives back the unused tail of its memory.
   *
   * @param id the blob
   * @param size the bytes it keeps
   */
  public record ShrinkBufferRequest(
      @JsonProperty(required = true) ObjectId id, @JsonProperty(required = true) long size)
      implements Request<ShrinkBufferReply> {}

  /** {@code shrink_buffer_reply}. */
  public record ShrinkBufferReply() implements Reply {}

  /**
   * {@code is_in_use_request}.
   *
   * @param id a blob
   */
  public record IsInUseRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<IsInUseReply> {}

  /**
   * {@code is_in_use_reply}.
   *
   * @param isInUse whether some connection references the blob
   */
  public record IsInUseReply(boolean isInUse) implements Reply {}

  /** {@code memory_trim_request}: hand freed memory back to the system. */
  public record MemoryTrimRequest() implements Request<MemoryTrimReply> {}

  /**
   * {@code memory_trim_reply}.
   *
   * @param trimmed whether any memory was handed back
   */
  public record MemoryTrimReply(boolean trimmed) implements Reply {}
}
