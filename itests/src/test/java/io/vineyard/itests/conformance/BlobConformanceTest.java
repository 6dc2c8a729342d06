package io.vineyard.itests.conformance;

import static io.vineyard.itests.conformance.Wire.assertError;
import static io.vineyard.itests.conformance.Wire.assertType;
import static io.vineyard.itests.conformance.Wire.id;
import static io.vineyard.itests.conformance.Wire.signed;
import static io.vineyard.itests.conformance.Wire.unsigned;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The blob commands over raw frames: register, create_buffer(s), seal, get_buffers (numbered keys
 * and {@code ids}), release, increase_reference_count, drop_buffer, shrink_buffer, is_in_use,
 * memory_trim, with IDs written unsigned and signed, and their error codes.
 */
@ExtendWith(ConformanceRuntime.class)
class BlobConformanceTest {

  @Test
  void registerReplyHasVineyarddsFields() throws Exception {
    try (Wire w = Wire.connect(ConformanceRuntime.socket())) {
      JsonNode r =
          w.call(
              "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":\"Normal\"}");
      assertType(r, "register_reply");
      for (String f :
          new String[] {
            "ipc_socket", "rpc_endpoint", "instance_id", "session_id", "version", "store_match"
          }) {
        assertTrue(r.has(f), f + " in " + r);
      }
      assertEquals(0, r.path("session_id").asLong());
      assertTrue(r.path("store_match").asBoolean());
      JsonNode plasma = w.call("{\"type\":\"register_request\",\"store_type\":2}");
      assertFalse(plasma.path("store_match").asBoolean(), plasma.toString());
    }
  }

  @Test
  void createWriteSealGetWithSignedAndUnsignedIds() throws Exception {
    byte[] bytes = "conformance".getBytes(StandardCharsets.UTF_8);
    try (Wire writer = Wire.registered(ConformanceRuntime.socket());
        Wire reader = Wire.registered(ConformanceRuntime.socket())) {
      JsonNode c =
          assertType(
              writer.call("{\"type\":\"create_buffer_request\",\"size\":" + bytes.length + "}"),
              "create_buffer_reply");
      long blob = id(c.path("id"));
      assertTrue(blob < 0, "a blob id has the top bit set, written unsigned: " + c);
      assertTrue(c.path("id").bigIntegerValue().signum() > 0, "unsigned on the wire: " + c);
      JsonNode created = c.path("created");
      for (String f :
          new String[] {
            "object_id",
            "store_fd",
            "data_offset",
            "data_size",
            "map_size",
            "pointer",
            "is_sealed",
            "is_owner",
            "is_gpu"
          }) {
        assertTrue(created.has(f), f + " in " + created);
      }
      assertEquals(bytes.length, created.path("data_size").asLong());
      assertFalse(created.path("is_sealed").asBoolean());
      int fd = c.path("fd").asInt();
      assertTrue(fd >= 0, "the first blob of a connection brings its store fd: " + c);
      Wire.write(writer.receiveFd(), created, bytes);

      assertType(
          writer.call("{\"type\":\"seal_request\",\"object_id\":" + signed(blob) + "}"),
          "seal_reply");
      assertType(
          writer.call("{\"type\":\"seal_request\",\"object_id\":" + unsigned(blob) + "}"),
          "seal_reply"); // sealing twice is answered, as vineyardd does

      JsonNode g =
          assertType(
              reader.call(
                  "{\"type\":\"get_buffers_request\",\"num\":1,\"0\":"
                      + signed(blob)
                      + ",\"unsafe\":false}"),
              "get_buffers_reply");
      assertEquals(1, g.path("num").asInt());
      JsonNode p = g.path("payloads").get(0);
      assertEquals(Wire.asUnsigned(blob), p.path("object_id").bigIntegerValue());
      assertTrue(p.path("is_sealed").asBoolean());
      assertEquals(1, g.path("fds").size(), g.toString());
      assertEquals(p, g.path("0"), "payloads written twice, as vineyardd");
      assertArrayEquals(bytes, Wire.readBytes(reader.receiveFd(), p));

      JsonNode again =
          reader.call(
              "{\"type\":\"get_buffers_request\",\"ids\":["
                  + unsigned(blob)
                  + "],\"unsafe\":false}");
      assertEquals(0, again.path("fds").size(), "a store fd is sent once per connection");
      assertType(
          reader.call("{\"type\":\"is_in_use_request\",\"id\":" + signed(blob) + "}"),
          "is_in_use_reply");
      assertType(
          reader.call("{\"type\":\"release_request\",\"object_id\":" + signed(blob) + "}"),
          "release_reply");
      assertError(
          reader.call("{\"type\":\"release_request\",\"object_id\":" + signed(blob) + "}"),
          12,
          "reference");
      assertType(
          reader.call(
              "{\"type\":\"increase_reference_count_request\",\"ids\":[" + signed(blob) + "]}"),
          "increase_reference_count_reply");
      assertTrue(
          reader
              .call("{\"type\":\"is_in_use_request\",\"id\":" + unsigned(blob) + "}")
              .path("is_in_use")
              .asBoolean());
      assertError(
          writer.call("{\"type\":\"drop_buffer_request\",\"id\":" + signed(blob) + "}"),
          13,
          "sealed");
    }
  }

  @Test
  void unknownBlobsAreLeftOutAndUnsealedNeedUnsafe() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket());
        Wire other = Wire.registered(ConformanceRuntime.socket())) {
      JsonNode c = w.call("{\"type\":\"create_buffer_request\",\"size\":100}");
      long blob = id(c.path("id"));
      if (c.path("fd").asInt() != -1) {
        w.receiveFd();
      }
      JsonNode none =
          other.call(
              "{\"type\":\"get_buffers_request\",\"num\":1,\"0\":"
                  + unsigned(0x8000_0000_0000_0123L)
                  + "}");
      assertEquals(0, none.path("num").asInt(), none.toString());
      assertError(
          other.call("{\"type\":\"get_buffers_request\",\"num\":1,\"0\":" + signed(blob) + "}"),
          14,
          "not sealed");
      JsonNode unsafe =
          other.call(
              "{\"type\":\"get_buffers_request\",\"num\":1,\"0\":"
                  + signed(blob)
                  + ",\"unsafe\":true}");
      assertEquals(1, unsafe.path("num").asInt(), unsafe.toString());
      for (int i = 0; i < unsafe.path("fds").size(); i++) {
        other.receiveFd();
      }
      assertType(
          w.call("{\"type\":\"drop_buffer_request\",\"id\":" + signed(blob) + "}"),
          "drop_buffer_reply");
      assertError(
          w.call("{\"type\":\"seal_request\",\"object_id\":" + signed(blob) + "}"), 12, "exist");
      assertError(w.call("{\"type\":\"create_buffer_request\",\"size\":-1}"), 1, "negative");
      assertError(
          w.call("{\"type\":\"create_buffer_request\",\"size\":" + (1L << 40) + "}"), 41, "--size");
    }
  }

  @Test
  void createBuffersIsOneRoundTripWithFdsOnce() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      JsonNode r =
          assertType(
              w.call("{\"type\":\"create_buffers_request\",\"num\":3,\"sizes\":[10,0,4096]}"),
              "create_buffers_reply");
      assertEquals(3, r.path("num").asInt());
      assertEquals(3, r.path("ids").size());
      assertEquals(3, r.path("payloads").size());
      for (int i = 0; i < 3; i++) {
        assertEquals(r.path("payloads").get(i), r.path(Integer.toString(i)), "numbered " + i);
        assertEquals(
            r.path("ids").get(i).bigIntegerValue(),
            r.path("payloads").get(i).path("object_id").bigIntegerValue());
      }
      assertEquals(0, r.path("payloads").get(1).path("data_size").asLong(), "the empty blob");
      assertEquals(Wire.asUnsigned(0x8000_0000_0000_0000L), r.path("ids").get(1).bigIntegerValue());
      Set<Integer> fds = new TreeSet<>();
      r.path("fds").forEach(f -> fds.add(f.asInt()));
      assertEquals(1, fds.size(), "one store: its fd once: " + r);
      int fd = w.receiveFd();
      Wire.write(fd, r.path("payloads").get(2), new byte[] {1, 2, 3});
      JsonNode again = w.call("{\"type\":\"create_buffers_request\",\"num\":1,\"sizes\":[64]}");
      assertEquals(0, again.path("fds").size(), "the fd was sent already: " + again);
      assertError(
          w.call(
              "{\"type\":\"create_buffers_request\",\"num\":2,\"sizes\":[1," + (1L << 40) + "]}"),
          41,
          "not enough memory");
      assertError(
          w.call("{\"type\":\"create_buffers_request\",\"num\":1,\"sizes\":[-5]}"), 1, "sizes");
    }
  }

  @Test
  void shrinkGivesTheTailBack() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      long before = used(w);
      JsonNode c = w.call("{\"type\":\"create_buffer_request\",\"size\":" + (8 << 20) + "}");
      long blob = id(c.path("id"));
      if (c.path("fd").asInt() != -1) {
        w.receiveFd();
      }
      assertEquals(before + (8 << 20), used(w));
      assertType(
          w.call("{\"type\":\"shrink_buffer_request\",\"id\":" + signed(blob) + ",\"size\":1000}"),
          "shrink_buffer_reply");
      assertEquals(before + 1024, used(w), "the tail is free again");
      assertError(
          w.call("{\"type\":\"shrink_buffer_request\",\"id\":" + signed(blob) + ",\"size\":2000}"),
          1,
          "1000 bytes to 2000");
      w.call("{\"type\":\"seal_request\",\"object_id\":" + signed(blob) + "}");
      JsonNode g = w.call("{\"type\":\"get_buffers_request\",\"ids\":[" + signed(blob) + "]}");
      assertEquals(1000, g.path("payloads").get(0).path("data_size").asLong(), g.toString());
      assertError(
          w.call("{\"type\":\"shrink_buffer_request\",\"id\":" + signed(blob) + ",\"size\":10}"),
          13,
          "sealed");
      assertError(
          w.call("{\"type\":\"shrink_buffer_request\",\"id\":" + unsigned(-2L) + ",\"size\":10}"),
          12,
          "does not exist");
      assertType(
          w.call("{\"type\":\"del_data_request\",\"id\":[" + signed(blob) + "]}"),
          "del_data_reply");
      assertType(
          w.call("{\"type\":\"release_request\",\"object_id\":" + signed(blob) + "}"),
          "release_reply");
      JsonNode trim = assertType(w.call("{\"type\":\"memory_trim_request\"}"), "memory_trim_reply");
      assertTrue(trim.has("trimmed"), trim.toString());
      assertError(
          w.call("{\"type\":\"is_in_use_request\",\"id\":" + signed(blob) + "}"), 12, "exist");
    }
  }

  private static long used(Wire w) throws Exception {
    return w.call("{\"type\":\"instance_status_request\"}")
        .path("meta")
        .path("memory_usage")
        .asLong();
  }
}
