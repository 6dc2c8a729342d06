package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vineyard.api.ObjectId;

/**
 * The messages of streams: a producer hands chunks (blobs) to a consumer in order, through the
 * instance. A stream is an object (its metadata created with create_data) registered with
 * create_stream; producer and consumer open it, the producer pushes chunks (or asks the instance
 * for a new one to write: get_next_stream_chunk), the consumer pulls them, the producer stops it.
 */
public final class StreamMessages {
  private StreamMessages() {}

  /** {@code open_stream_request} mode of a consumer. */
  public static final long READ = 1;

  /** {@code open_stream_request} mode of a producer. */
  public static final long WRITE = 2;

  /**
   * {@code create_stream_request}.
   *
   * @param objectId the stream's object
   */
  public record CreateStreamRequest(@JsonProperty(required = true) ObjectId objectId)
      implements Request<CreateStreamReply> {}

  /** {@code create_stream_reply}. */
  public record CreateStreamReply() implements Reply {}

  /**
   * {@code open_stream_request}.
   *
   * @param objectId the stream
   * @param mode {@link #READ} or {@link #WRITE}: each side opens a stream once
   */
  public record OpenStreamRequest(
      @JsonProperty(required = true) ObjectId objectId, @JsonProperty(required = true) long mode)
      implements Request<OpenStreamReply> {}

  /** {@code open_stream_reply}. */
  public record OpenStreamReply() implements Reply {}

  /**
   * {@code get_next_stream_chunk_request}: the producer asks for a new chunk to write; the chunk it
   * wrote before becomes readable.
   *
   * @param id the stream
   * @param size the new chunk's size in bytes
   */
  public record GetNextStreamChunkRequest(
      @JsonProperty(required = true) ObjectId id, @JsonProperty(required = true) long size)
      implements Request<GetNextStreamChunkReply> {}

  /**
   * {@code get_next_stream_chunk_reply}; the store fd follows by SCM_RIGHTS when {@code fd} is not
   * -1.
   *
   * @param buffer the new chunk, unsealed and writable by the producer
   * @param fd the store fd sent now, -1 when none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GetNextStreamChunkReply(Payload buffer, Integer fd) implements Reply {}

  /**
   * {@code push_next_stream_chunk_request}: the producer hands over a chunk it made.
   *
   * @param id the stream
   * @param chunk the chunk (a blob, or any object)
   */
  public record PushNextStreamChunkRequest(
      @JsonProperty(required = true) ObjectId id, @JsonProperty(required = true) ObjectId chunk)
      implements Request<PushNextStreamChunkReply> {}

  /** {@code push_next_stream_chunk_reply}. */
  public record PushNextStreamChunkReply() implements Reply {}

  /**
   * {@code pull_next_stream_chunk_request}: the consumer takes the next chunk, waiting until there
   * is one or the stream ends; the chunk it pulled before is deleted.
   *
   * @param id the stream
   */
  public record PullNextStreamChunkRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<PullNextStreamChunkReply> {}

  /**
   * {@code pull_next_stream_chunk_reply}.
   *
   * @param chunk the next chunk
   */
  public record PullNextStreamChunkReply(ObjectId chunk) implements Reply {}

  /**
   * {@code stop_stream_request}: the producer ends the stream.
   *
   * @param id the stream
   * @param failed whether it ends in failure (the consumer gets StreamFailed, not StreamDrained)
   */
  public record StopStreamRequest(
      @JsonProperty(required = true) ObjectId id, @JsonProperty(required = true) boolean failed)
      implements Request<StopStreamReply> {}

  /** {@code stop_stream_reply}. */
  public record StopStreamReply() implements Reply {}

  /**
   * {@code drop_stream_request}: ends the stream as failed and deletes the chunks not read yet.
   *
   * @param id the stream
   */
  public record DropStreamRequest(@JsonProperty(required = true) ObjectId id)
      implements Request<DropStreamReply> {}

  /** {@code drop_stream_reply}. */
  public record DropStreamReply() implements Reply {}
}
