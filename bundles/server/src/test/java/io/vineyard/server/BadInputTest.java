package io.vineyard.server;

import static io.vineyard.server.RawClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.RawJson;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad request gets vineyardd's error code and a message naming the problem; the
 * server keeps serving.
 */
class BadInputTest {
  ServerFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new ServerFixture(16L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void requestBeforeRegisterIsRefused() throws Exception {
    try (RawClient c = new RawClient(fx.socket())) {
      assertError(c.call("{\"type\":\"create_buffer_request\",\"size\":10}"), 1, "not registered");
      assertEquals(0, fx.store.used());
    }
  }

  @Test
  void malformedJsonUnknownTypeAndMissingFields() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      assertError(c.call("{\"type\": \"create_buffer_request\", "), 1, "JSON");
      assertError(c.call("[1,2,3]"), 1, "JSON object");
      assertError(c.call("{\"size\": 1}"), 1, "'type'");
      assertError(c.call("{\"type\":\"teleport_request\"}"), 1, "teleport_request");
      assertError(c.call("{\"type\":\"create_buffer_request\"}"), 1, "'size'");
      assertError(c.call("{\"type\":\"create_buffer_request\",\"size\":\"many\"}"), 1, "'size'");
      assertError(c.call("{\"type\":\"create_buffer_request\",\"size\":-5}"), 1, "negative");
      assertError(c.call("{\"type\":\"seal_request\"}"), 1, "'object_id'");
      assertError(c.call("{\"type\":\"get_data_request\",\"id\":[\"banana\"]}"), 1, "banana");
      // still serving this very connection
      assertEquals(
          "instance_status_reply",
          c.call("{\"type\":\"instance_status_request\"}").path("type").asText());
    }
  }

  @Test
  void idsThatDoNotExist() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      String missingBlob = ObjectId.parse("o8000000000001234").toUnsignedString();
      assertError(
          c.call("{\"type\":\"seal_request\",\"object_id\":" + missingBlob + "}"),
          12,
          "o8000000000001234");
      assertError(
          c.call("{\"type\":\"release_request\",\"object_id\":" + missingBlob + "}"),
          12,
          "o8000000000001234");
      assertError(
          c.call("{\"type\":\"del_data_request\",\"id\":[1234]}"),
          12,
          ObjectId.of(1234).toString());
      ObjectNode get =
          c.call(
              "{\"type\":\"get_data_request\",\"id\":[1234],\"sync_remote\":true,\"wait\":false}");
      assertEquals(0, get.get("content").size(), "absent ids are left out, as vineyardd does");
      assertError(
          c.call(
              "{\"type\":\"create_data_request\",\"content\":{\"typename\":\"my::Thing\",\"part_\":{\"id\":\"o00000000000004d2\",\"typename\":\"x\"}}}"),
          12,
          "part_");
      assertError(
          c.call("{\"type\":\"create_data_request\",\"content\":{\"nbytes\":0}}"), 21, "typename");
    }
  }

  @Test
  void sealTwiceIsAnsweredAndGetOfUnsealedFails() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      ObjectId id = RawJson.id(c.call("{\"type\":\"create_buffer_request\",\"size\":64}"), "id");
      c.socket.receiveFd();
      String num = id.toUnsignedString();
      assertError(
          c.call("{\"type\":\"get_buffers_request\",\"num\":1,\"0\":" + num + "}"),
          14,
          id.toString());
      assertEquals(
          "seal_reply",
          c.call("{\"type\":\"seal_request\",\"object_id\":" + num + "}").path("type").asText());
      assertEquals(
          "seal_reply",
          c.call("{\"type\":\"seal_request\",\"object_id\":" + num + "}").path("type").asText(),
          "sealing again is answered as the first seal, as vineyardd does");
    }
  }

  @Test
  void createBeyondTheLimitLeaksNothing() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      long before = fx.store.used();
      assertError(
          c.call("{\"type\":\"create_buffer_request\",\"size\":" + (17L << 20) + "}"),
          41,
          "--size");
      assertEquals(before, fx.store.used());
      ObjectNode ok = c.call("{\"type\":\"create_buffer_request\",\"size\":" + (8L << 20) + "}");
      assertEquals("create_buffer_reply", ok.path("type").asText(), ok.toString());
    }
  }

  @Test
  void oversizedFrameClosesOnlyThatConnection() throws Exception {
    try (RawClient bad = RawClient.registered(fx.socket());
        RawClient good = RawClient.registered(fx.socket())) {
      byte[] header =
          ByteBuffer.allocate(8)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putLong(Frames.MAX_FRAME + 1)
              .array();
      bad.socket.writeFully(header, 0, 8);
      assertThrows(EOFException.class, () -> bad.socket.readFully(1));
      assertEquals(
          "instance_status_reply",
          good.call("{\"type\":\"instance_status_request\"}").path("type").asText());
    }
  }

  @Test
  void exitClosesTheConnection() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      c.send("{\"type\":\"exit_request\"}".getBytes());
      assertThrows(EOFException.class, () -> c.socket.readFully(1));
    }
  }
}
