package io.vineyard.itests.conformance;

import static io.vineyard.itests.conformance.Wire.assertError;
import static io.vineyard.itests.conformance.Wire.assertType;
import static io.vineyard.itests.conformance.Wire.id;
import static io.vineyard.itests.conformance.Wire.signed;
import static io.vineyard.itests.conformance.Wire.unsigned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Streams over raw frames, as vineyard's ByteStream writer and reader drive them: the stream's
 * metadata by create_data, create_stream, open by each side, chunks by get_next_stream_chunk (the
 * instance allocates) and push_next_stream_chunk (the producer made it), pull blocking until a
 * chunk or the end, stop (drained or failed), drop, and the stream error codes 42 to 45.
 */
@ExtendWith(ConformanceRuntime.class)
class StreamConformanceTest {
  private static final String BYTE_STREAM =
      "{\"typename\":\"vineyard::ByteStream\",\"nbytes\":0,\"params_\":{}}";

  private static long stream(Wire w) throws Exception {
    long id =
        id(w.call("{\"type\":\"create_data_request\",\"content\":" + BYTE_STREAM + "}").path("id"));
    assertType(
        w.call("{\"type\":\"create_stream_request\",\"object_id\":" + unsigned(id) + "}"),
        "create_stream_reply");
    return id;
  }

  @Test
  void producerHandsChunksToABlockedConsumerInOrder() throws Exception {
    try (Wire producer = Wire.registered(ConformanceRuntime.socket());
        Wire consumer = Wire.registered(ConformanceRuntime.socket())) {
      long s = stream(producer);
      assertError(
          producer.call("{\"type\":\"create_stream_request\",\"object_id\":" + unsigned(s) + "}"),
          11,
          "");
      assertType(
          producer.call(
              "{\"type\":\"open_stream_request\",\"object_id\":" + unsigned(s) + ",\"mode\":2}"),
          "open_stream_reply");
      assertType(
          consumer.call(
              "{\"type\":\"open_stream_request\",\"object_id\":" + signed(s) + ",\"mode\":1}"),
          "open_stream_reply");
      assertError(
          consumer.call(
              "{\"type\":\"open_stream_request\",\"object_id\":" + signed(s) + ",\"mode\":1}"),
          45,
          "open");

      // the consumer waits: nothing is ready yet
      consumer.send("{\"type\":\"pull_next_stream_chunk_request\",\"id\":" + unsigned(s) + "}");
      CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> read(consumer));

      JsonNode c1 =
          assertType(
              producer.call(
                  "{\"type\":\"get_next_stream_chunk_request\",\"id\":"
                      + signed(s)
                      + ",\"size\":5}"),
              "get_next_stream_chunk_reply");
      JsonNode buffer = c1.path("buffer");
      assertEquals(5, buffer.path("data_size").asLong());
      int fd = c1.path("fd").asInt() == -1 ? -1 : producer.receiveFd();
      if (fd >= 0) {
        Wire.write(fd, buffer, new byte[] {1, 2, 3, 4, 5});
      }
      assertFalse(first.isDone(), "the chunk being written is not handed over yet");

      // a chunk the producer made itself
      JsonNode own = producer.call("{\"type\":\"create_buffer_request\",\"size\":3}");
      if (own.path("fd").asInt() != -1) {
        producer.receiveFd();
      }
      long c2 = id(own.path("id"));
      producer.call("{\"type\":\"seal_request\",\"object_id\":" + signed(c2) + "}");
      assertType(
          producer.call(
              "{\"type\":\"push_next_stream_chunk_request\",\"id\":"
                  + signed(s)
                  + ",\"chunk\":"
                  + signed(c2)
                  + "}"),
          "push_next_stream_chunk_reply");
      JsonNode pulled = first.get(20, TimeUnit.SECONDS);
      assertEquals(
          c2,
          id(assertType(pulled, "pull_next_stream_chunk_reply").path("chunk")),
          "pushed first, read first");

      assertType(
          producer.call(
              "{\"type\":\"stop_stream_request\",\"id\":" + signed(s) + ",\"failed\":false}"),
          "stop_stream_reply");
      JsonNode second =
          consumer.call("{\"type\":\"pull_next_stream_chunk_request\",\"id\":" + signed(s) + "}");
      long allocated = id(buffer.path("object_id"));
      assertEquals(
          allocated, id(second.path("chunk")), "the allocated chunk is handed over at stop");
      JsonNode g =
          consumer.call("{\"type\":\"get_buffers_request\",\"ids\":[" + signed(allocated) + "]}");
      JsonNode p = g.path("payloads").get(0);
      int rfd = g.path("fds").size() > 0 ? consumer.receiveFd() : -1;
      if (rfd >= 0 && fd >= 0) {
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, Wire.readBytes(rfd, p));
      }
      assertError(
          consumer.call("{\"type\":\"pull_next_stream_chunk_request\",\"id\":" + signed(s) + "}"),
          42,
          "drained");
      assertError(
          producer.call(
              "{\"type\":\"stop_stream_request\",\"id\":" + signed(s) + ",\"failed\":false}"),
          44,
          "stopped");
      assertError(
          producer.call(
              "{\"type\":\"push_next_stream_chunk_request\",\"id\":"
                  + signed(s)
                  + ",\"chunk\":"
                  + signed(c2)
                  + "}"),
          44,
          "stopped");
      assertError(
          consumer.call(
              "{\"type\":\"pull_next_stream_chunk_request\",\"id\":" + unsigned(s + 1) + "}"),
          12,
          "no such stream");
    }
  }

  @Test
  void failedAndDroppedStreamsFailTheConsumer() throws Exception {
    try (Wire producer = Wire.registered(ConformanceRuntime.socket());
        Wire consumer = Wire.registered(ConformanceRuntime.socket())) {
      long s = stream(producer);
      consumer.send("{\"type\":\"pull_next_stream_chunk_request\",\"id\":" + signed(s) + "}");
      CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> read(consumer));
      assertType(
          producer.call(
              "{\"type\":\"stop_stream_request\",\"id\":" + signed(s) + ",\"failed\":true}"),
          "stop_stream_reply");
      assertError(waiting.get(20, TimeUnit.SECONDS), 43, "failed");

      long d = stream(producer);
      JsonNode own = producer.call("{\"type\":\"create_buffer_request\",\"size\":8}");
      if (own.path("fd").asInt() != -1) {
        producer.receiveFd();
      }
      long chunk = id(own.path("id"));
      producer.call("{\"type\":\"seal_request\",\"object_id\":" + signed(chunk) + "}");
      producer.call(
          "{\"type\":\"push_next_stream_chunk_request\",\"id\":"
              + signed(d)
              + ",\"chunk\":"
              + signed(chunk)
              + "}");
      assertType(
          producer.call("{\"type\":\"drop_stream_request\",\"id\":" + signed(d) + "}"),
          "drop_stream_reply");
      assertError(
          consumer.call("{\"type\":\"pull_next_stream_chunk_request\",\"id\":" + signed(d) + "}"),
          43,
          "failed");
      assertFalse(
          consumer
              .call("{\"type\":\"exists_request\",\"id\":" + signed(chunk) + "}")
              .path("exists")
              .asBoolean(),
          "a dropped stream's unread chunks are deleted");
      assertError(
          producer.call("{\"type\":\"drop_stream_request\",\"id\":" + unsigned(d + 7) + "}"),
          12,
          "");
    }
  }

  @Test
  void streamTreesAsVineyardWritesThemAreCheckedByTheStreamPlugin() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      for (String typename :
          new String[] {
            "vineyard::ByteStream", "vineyard::RecordBatchStream", "vineyard::DataframeStream"
          }) {
        // vineyard's Python client writes params_ as json.dumps(params)
        JsonNode ok =
            w.call(
                "{\"type\":\"create_data_request\",\"content\":{\"typename\":\""
                    + typename
                    + "\",\"params_\":\"{\\\"kind\\\": \\\"csv\\\"}\"}}");
        assertType(ok, "create_data_reply");
        assertError(
            w.call(
                "{\"type\":\"create_data_request\",\"content\":{\"typename\":\""
                    + typename
                    + "\",\"params_\":\"[1, 2]\"}}"),
            1,
            "params_");
      }
    }
  }

  private static JsonNode read(Wire w) {
    try {
      return w.read();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
