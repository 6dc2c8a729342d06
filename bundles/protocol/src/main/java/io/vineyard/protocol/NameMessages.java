package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vineyard.api.ObjectId;
import java.util.List;
import java.util.Map;

/** The messages of global metadata: persist, if_persist, names and labels. */
public final class NameMessages {
  private NameMessages() {}

  /**
   * {@code persist_request}.
   *
   * @param id the object to make global
   */
  public record PersistRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<PersistReply> {}

  /** {@code persist_reply}. */
  public record PersistReply() implements Reply {}

  /**
   * {@code if_persist_request}.
   *
   * @param id the object
   */
  public record IfPersistRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<IfPersistReply> {}

  /**
   * {@code if_persist_reply}.
   *
   * @param persist whether the object is global
   */
  public record IfPersistReply(boolean persist) implements Reply {}

  /**
   * {@code put_name_request}.
   *
   * @param objectId the object to name
   * @param name the name
   */
  public record PutNameRequest(
      @JsonProperty(required = true) ObjectId objectId, @JsonProperty(required = true) String name)
      implements Request<PutNameReply> {}

  /** {@code put_name_reply}. */
  public record PutNameReply() implements Reply {}

  /**
   * {@code get_name_request}.
   *
   * @param name the name
   * @param waitFor whether to wait until some instance puts it ({@code wait} on the wire)
   */
  public record GetNameRequest(
      @JsonProperty(required = true) String name, @JsonProperty("wait") boolean waitFor)
      implements Request<GetNameReply> {}

  /**
   * {@code get_name_reply}.
   *
   * @param objectId the object named
   */
  public record GetNameReply(ObjectId objectId) implements Reply {}

  /**
   * {@code list_name_request}.
   *
   * @param pattern a glob (or regular expression) on names; {@code *} when absent
   * @param regex whether the pattern is a regular expression
   * @param limit at most this many names (absent: no limit)
   */
  public record ListNameRequest(String pattern, boolean regex, Long limit)
      implements Request<ListNameReply> {
    /** Fills in the defaults. */
    public ListNameRequest {
      pattern = pattern == null ? "*" : pattern;
      limit = limit == null ? Integer.MAX_VALUE : limit;
    }
  }

  /**
   * {@code list_name_reply}.
   *
   * @param size the number of names
   * @param names the object of each name
   */
  public record ListNameReply(int size, Map<String, ObjectId> names) implements Reply {}

  /**
   * {@code drop_name_request}.
   *
   * @param name the name to remove
   */
  public record DropNameRequest(@JsonProperty(required = true) String name)
      implements Request<DropNameReply> {}

  /** {@code drop_name_reply}. */
  public record DropNameReply() implements Reply {}

  /**
   * {@code label_request}: {@code keys} and {@code values} of one length (a lone string counts as
   * one).
   *
   * @param id the object to label
   * @param keys the label keys
   * @param values the label values
   */
  public record LabelRequest(
      @JsonProperty(required = true) ObjectId id,
      @JsonProperty(required = true) List<String> keys,
      @JsonProperty(required = true) List<String> values)
      implements Request<LabelReply> {}

  /** {@code label_reply}. */
  public record LabelReply() implements Reply {}
}
