package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vineyard.api.ObjectId;
import java.util.List;

/**
 * The messages of spilling to disk: evict, load, unpin and is_spilled, as vineyardd's {@code
 * protocols.cc} writes them. {@code ids} may name blobs or objects: the server spills, loads or
 * unpins the local blobs of their trees.
 */
public final class SpillMessages {
  private SpillMessages() {}

  /**
   * {@code evict_request}: spill these objects' blobs to disk now.
   *
   * @param ids the objects or blobs
   */
  public record EvictRequest(@JsonProperty(required = true) List<ObjectId> ids)
      implements Request<EvictReply> {}

  /** {@code evict_reply}. */
  public record EvictReply() implements Reply {}

  /**
   * {@code load_request}: bring these objects' blobs back into memory.
   *
   * @param ids the objects or blobs
   * @param pin whether to keep them in memory until unpinned (absent: false)
   */
  public record LoadRequest(@JsonProperty(required = true) List<ObjectId> ids, boolean pin)
      implements Request<LoadReply> {}

  /** {@code load_reply}. */
  public record LoadReply() implements Reply {}

  /**
   * {@code unpin_request}: let these objects' blobs be spilled again.
   *
   * @param ids the objects or blobs
   */
  public record UnpinRequest(@JsonProperty(required = true) List<ObjectId> ids)
      implements Request<UnpinReply> {}

  /** {@code unpin_reply}. */
  public record UnpinReply() implements Reply {}

  /**
   * {@code is_spilled_request}.
   *
   * @param id a blob
   */
  public record IsSpilledRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<IsSpilledReply> {}

  /**
   * {@code is_spilled_reply}.
   *
   * @param isSpilled whether the blob's bytes are on disk now
   */
  public record IsSpilledReply(boolean isSpilled) implements Reply {}
}
