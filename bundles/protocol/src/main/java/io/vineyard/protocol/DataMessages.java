package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import java.util.List;
import java.util.Map;

/** The messages of object metadata: create_data, get_data, list_data, exists, deletes, clear. */
public final class DataMessages {
  private DataMessages() {}

  /**
   * {@code create_data_request}.
   *
   * @param content the new object's tree (null when absent); its members name existing objects by
   *     {@code id}
   */
  public record CreateDataRequest(ObjectMeta content) implements Request<CreateDataReply> {}

  /**
   * {@code create_data_reply}.
   *
   * @param id the new object
   * @param signature its signature (unsigned)
   * @param instanceId the instance that holds it (unsigned)
   */
  public record CreateDataReply(
      ObjectId id,
      @JsonSerialize(using = IdJson.UnsignedWriter.class)
          @JsonDeserialize(using = IdJson.UnsignedReader.class)
          long signature,
      @JsonSerialize(using = IdJson.UnsignedWriter.class)
          @JsonDeserialize(using = IdJson.UnsignedReader.class)
          long instanceId)
      implements Reply {}

  /**
   * {@code get_data_request}.
   *
   * @param id the objects wanted (one ID alone is accepted too)
   * @param syncRemote whether to catch up with the cluster first
   * @param waitFor whether to wait until every ID exists ({@code wait} on the wire)
   */
  public record GetDataRequest(
      @JsonProperty(required = true) List<ObjectId> id,
      boolean syncRemote,
      @JsonProperty("wait") boolean waitFor)
      implements Request<GetDataReply> {}

  /**
   * {@code get_data_reply}, also the reply of {@code list_data_request}.
   *
   * @param content the trees found, by ID in text form; absent IDs are left out
   */
  public record GetDataReply(Map<String, ObjectMeta> content) implements Reply {}

  /**
   * {@code list_data_request}.
   *
   * @param pattern a glob (or, with {@code regex}, a regular expression) on typenames; {@code *}
   *     when absent
   * @param regex whether the pattern is a regular expression
   * @param limit at most this many trees (absent: 5)
   */
  public record ListDataRequest(String pattern, boolean regex, Long limit)
      implements Request<GetDataReply> {
    /** Fills in vineyardd's defaults. */
    public ListDataRequest {
      pattern = pattern == null ? "*" : pattern;
      limit = limit == null ? 5 : limit;
    }
  }

  /**
   * {@code exists_request}.
   *
   * @param id the object
   */
  public record ExistsRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<ExistsReply> {}

  /**
   * {@code exists_reply}.
   *
   * @param exists whether the object exists on this instance
   */
  public record ExistsReply(boolean exists) implements Reply {}

  /**
   * {@code del_data_request}.
   *
   * @param id the objects to delete (one ID alone is accepted too)
   * @param force also delete the objects that use them
   * @param deep also delete members nothing else uses
   * @param fastpath blobs only
   * @param memoryTrim unused here
   */
  public record DelDataRequest(
      @JsonProperty(required = true) List<ObjectId> id,
      boolean force,
      boolean deep,
      boolean fastpath,
      boolean memoryTrim)
      implements Request<DelDataReply> {}

  /** {@code del_data_reply}. */
  public record DelDataReply() implements Reply {}

  /**
   * {@code del_data_with_feedbacks_request}: a delete that answers with the blobs deleted.
   *
   * @param id the objects to delete
   * @param force also delete the objects that use them
   * @param deep also delete members nothing else uses
   * @param fastpath blobs only
   * @param memoryTrim unused here
   */
  public record DelDataWithFeedbacksRequest(
      @JsonProperty(required = true) List<ObjectId> id,
      boolean force,
      boolean deep,
      boolean fastpath,
      boolean memoryTrim)
      implements Request<DelDataWithFeedbacksReply> {
    /** The same delete as a plain del_data request. */
    public DelDataRequest plain() {
      return new DelDataRequest(id, force, deep, fastpath, memoryTrim);
    }
  }

  /**
   * {@code del_data_with_feedbacks_reply}.
   *
   * @param deletedBids the blobs deleted
   */
  public record DelDataWithFeedbacksReply(List<ObjectId> deletedBids) implements Reply {}

  /** {@code clear_request}: deletes every object. */
  public record ClearRequest() implements Request<ClearReply> {}

  /** {@code clear_reply}. */
  public record ClearReply() implements Reply {}
}
