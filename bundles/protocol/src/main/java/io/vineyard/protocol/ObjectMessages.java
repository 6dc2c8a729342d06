package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import java.util.List;

/** The metadata messages beyond one object: create_datas (a batch) and shallow_copy. */
public final class ObjectMessages {
  private ObjectMessages() {}

  /**
   * {@code create_datas_request}: one round trip for many objects.
   *
   * @param contents the new objects' trees, in order ({@code num} on the wire repeats the count)
   */
  public record CreateDatasRequest(@JsonProperty(required = true) List<ObjectMeta> contents)
      implements Request<CreateDatasReply> {

    /** vineyardd writes the count too. */
    @JsonProperty("num")
    public int num() {
      return contents == null ? 0 : contents.size();
    }
  }

  /**
   * {@code create_datas_reply}.
   *
   * @param num the number of objects
   * @param ids the new objects, in the order of the contents
   * @param signatures their signatures (unsigned)
   * @param instanceIds the instance that holds each (unsigned)
   */
  public record CreateDatasReply(
      int num,
      List<ObjectId> ids,
      @JsonSerialize(contentUsing = IdJson.UnsignedWriter.class)
          @JsonDeserialize(contentUsing = IdJson.UnsignedReader.class)
          List<Long> signatures,
      @JsonSerialize(contentUsing = IdJson.UnsignedWriter.class)
          @JsonDeserialize(contentUsing = IdJson.UnsignedReader.class)
          List<Long> instanceIds)
      implements Reply {}

  /**
   * {@code shallow_copy_request}: a new object with the same tree (members shared, not copied).
   *
   * @param id the object to copy
   * @param extra fields to add to (or replace in) the copy's tree; null when absent
   */
  public record ShallowCopyRequest(@JsonProperty(required = true) ObjectId id, ObjectMeta extra)
      implements Request<ShallowCopyReply> {}

  /**
   * {@code shallow_copy_reply}.
   *
   * @param targetId the copy
   */
  public record ShallowCopyReply(ObjectId targetId) implements Reply {}
}
