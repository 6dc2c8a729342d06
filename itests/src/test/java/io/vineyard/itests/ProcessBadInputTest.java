package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.posix.UnixSocket;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.RawJson;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad requests against a runtime process, from a client that speaks raw frames as any vineyardd
 * client would.
 */
class ProcessBadInputTest {
  static RuntimeProcess rt;

  @BeforeAll
  static void start() throws Exception {
    rt = RuntimeProcess.start("32M");
  }

  @AfterAll
  static void stop() throws Exception {
    rt.close();
  }

  static ObjectNode call(UnixSocket s, String json) throws IOException {
    Frames.write(s, json.getBytes(StandardCharsets.UTF_8));
    return RawJson.decode(Frames.read(s));
  }

  static void assertError(ObjectNode reply, int code, String fragment) {
    assertEquals(code, reply.path("code").asInt(), reply.toString());
    assertTrue(
        reply.path("message").asText().contains(fragment),
        "message should mention '" + fragment + "': " + reply);
  }

  static UnixSocket registered() throws IOException {
    UnixSocket s = UnixSocket.connect(rt.socket);
    assertEquals(
        "register_reply",
        call(s, "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1}")
            .path("type")
            .asText());
    return s;
  }

  static long memoryUsage(UnixSocket s) throws IOException {
    return call(s, "{\"type\":\"instance_status_request\"}")
        .get("meta")
        .get("memory_usage")
        .asLong();
  }

  @Test
  void everyBadRequestGetsItsCodeAndTheServerKeepsServing() throws Exception {
    try (UnixSocket fresh = UnixSocket.connect(rt.socket)) {
      assertError(
          call(fresh, "{\"type\":\"create_buffer_request\",\"size\":8}"), 1, "not registered");
    }
    try (UnixSocket s = registered()) {
      assertError(call(s, "{\"type\":"), 1, "JSON");
      assertError(call(s, "{\"type\":\"warp_request\"}"), 1, "warp_request");
      assertError(call(s, "{\"type\":\"create_buffer_request\",\"size\":\"lots\"}"), 1, "'size'");
      assertError(call(s, "{\"type\":\"get_buffers_request\"}"), 1, "'num'");
      String ghost = ObjectId.parse("o8000000000000fff").toUnsignedString();
      assertError(
          call(s, "{\"type\":\"seal_request\",\"object_id\":" + ghost + "}"),
          12,
          "o8000000000000fff");
      assertError(
          call(s, "{\"type\":\"del_data_request\",\"id\":[42]}"), 12, ObjectId.of(42).toString());

      ObjectNode created = call(s, "{\"type\":\"create_buffer_request\",\"size\":4096}");
      s.receiveFd();
      String id = RawJson.id(created, "id").toUnsignedString();
      assertError(
          call(s, "{\"type\":\"get_buffers_request\",\"num\":1,\"0\":" + id + "}"),
          14,
          "not sealed");
      assertEquals(
          "seal_reply",
          call(s, "{\"type\":\"seal_request\",\"object_id\":" + id + "}").path("type").asText());
      assertEquals(
          "seal_reply",
          call(s, "{\"type\":\"seal_request\",\"object_id\":" + id + "}").path("type").asText(),
          "a second seal is answered as the first (vineyardd marks it sealed again)");
      assertError(
          call(s, "{\"type\":\"create_buffer_request\",\"size\":" + (64L << 20) + "}"),
          41,
          "--size");
      assertEquals(
          "del_data_reply",
          call(s, "{\"type\":\"del_data_request\",\"id\":[" + id + "]}").path("type").asText());
      assertEquals(
          4096,
          memoryUsage(s),
          "the sealing connection still holds its reference (as in vineyardd)");
      assertEquals(
          "release_reply",
          call(s, "{\"type\":\"release_request\",\"object_id\":" + id + "}").path("type").asText());
      assertEquals(0, memoryUsage(s), "nothing leaked by the failed requests");
    }
  }

  @Test
  void oversizedFrameDropsOnlyItsConnectionAndUnsealedMemoryIsFreed() throws Exception {
    try (UnixSocket good = registered()) {
      try (UnixSocket bad = registered()) {
        call(bad, "{\"type\":\"create_buffer_request\",\"size\":1048576}");
        bad.receiveFd();
        assertEquals(1 << 20, memoryUsage(good));
        byte[] header =
            ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(Frames.MAX_FRAME + 1)
                .array();
        bad.writeFully(header, 0, 8);
        assertThrows(EOFException.class, () -> bad.readFully(1));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (memoryUsage(good) != 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(0, memoryUsage(good), "the dropped connection's unsealed blob was freed");
    }
  }

  @Test
  void idsWrittenAsSignedNumbersAreTakenAsVineyarddTakesThem() throws Exception {
    try (UnixSocket s = registered()) {
      ObjectNode created = call(s, "{\"type\":\"create_buffer_request\",\"size\":64}");
      s.receiveFd();
      ObjectId id = RawJson.id(created, "id");
      String signed = Long.toString(id.value()); // a blob ID has the top bit set: negative here
      assertTrue(signed.startsWith("-"), signed);
      assertEquals(
          "seal_reply",
          call(s, "{\"type\":\"seal_request\",\"object_id\":" + signed + "}")
              .path("type")
              .asText());
      ObjectNode got = call(s, "{\"type\":\"get_buffers_request\",\"num\":1,\"0\":" + signed + "}");
      assertEquals("get_buffers_reply", got.path("type").asText(), got.toString());
      assertEquals(
          "release_reply",
          call(s, "{\"type\":\"release_request\",\"object_id\":" + signed + "}")
              .path("type")
              .asText());
      assertEquals(
          "del_data_reply",
          call(s, "{\"type\":\"del_data_request\",\"id\":[" + signed + "]}").path("type").asText());
    }
  }
}
