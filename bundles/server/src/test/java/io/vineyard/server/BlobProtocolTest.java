package io.vineyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.posix.Posix;
import io.vineyard.protocol.RawJson;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blob lifecycle over the wire, as a vineyardd client drives it. */
class BlobProtocolTest {
  ServerFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new ServerFixture(64L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void createWriteSealAndReadFromAnotherConnection() throws Exception {
    byte[] hello = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    ObjectId id;
    try (RawClient writer = RawClient.registered(fx.socket())) {
      ObjectNode created = writer.call("{\"type\":\"create_buffer_request\",\"size\":13}");
      assertEquals("create_buffer_reply", created.path("type").asText());
      id = RawJson.id(created, "id");
      assertTrue(id.isBlob());
      JsonNode p = created.get("created"); // vineyardd's clients map map_size - 8 bytes
      assertEquals(
          p.get("store_fd").asInt(),
          created.get("fd").asInt(),
          "first use of the arena: fd announced");
      int fd = writer.socket.receiveFd();
      MemorySegment map = Posix.mmap(fd, p.get("map_size").asLong() - 8, true);
      MemorySegment.copy(
          hello, 0, map, ValueLayout.JAVA_BYTE, p.get("data_offset").asLong(), hello.length);
      ObjectNode second = writer.call("{\"type\":\"create_buffer_request\",\"size\":100}");
      assertEquals(-1, second.get("fd").asInt(), "the arena fd is passed once per connection");
      ObjectNode sealed =
          writer.call("{\"type\":\"seal_request\",\"object_id\":" + id.toUnsignedString() + "}");
      assertEquals("seal_reply", sealed.path("type").asText());
      Posix.munmap(map);
      Posix.close(fd);

      try (RawClient reader = RawClient.registered(fx.socket())) {
        ObjectNode got =
            reader.call(
                "{\"type\":\"get_buffers_request\",\"num\":1,\"0\":"
                    + id.toUnsignedString()
                    + ",\"unsafe\":false}");
        assertEquals("get_buffers_reply", got.path("type").asText(), got.toString());
        JsonNode rp = got.get("payloads").get(0);
        assertEquals(13, rp.get("data_size").asLong());
        assertEquals(rp.get("store_fd").asInt(), got.get("fds").get(0).asInt());
        int rfd = reader.socket.receiveFd();
        MemorySegment rmap = Posix.mmap(rfd, rp.get("map_size").asLong() - 8, false);
        byte[] back =
            rmap.asSlice(rp.get("data_offset").asLong(), 13).toArray(ValueLayout.JAVA_BYTE);
        assertEquals("Hello, World!", new String(back, StandardCharsets.UTF_8));
        Posix.munmap(rmap);
        Posix.close(rfd);

        ObjectNode meta =
            reader.call(
                "{\"type\":\"get_data_request\",\"id\":["
                    + id.toUnsignedString()
                    + "],\"sync_remote\":true,\"wait\":false}");
        ObjectNode tree = (ObjectNode) meta.get("content").get(id.toString());
        assertEquals("vineyard::Blob", tree.get("typename").asText());
        assertEquals(13, tree.get("length").asLong());
        assertEquals(id.toString(), tree.get("id").asText());
      }
    }
  }

  @Test
  void emptyBlobNeedsNoMemory() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      ObjectNode created = c.call("{\"type\":\"create_buffer_request\",\"size\":0}");
      assertEquals(ObjectId.EMPTY_BLOB, RawJson.id(created, "id"));
      assertEquals(-1, created.get("fd").asInt());
      ObjectNode got =
          c.call(
              "{\"type\":\"get_buffers_request\",\"ids\":["
                  + ObjectId.EMPTY_BLOB.toUnsignedString()
                  + "]}");
      assertEquals(0, got.get("payloads").get(0).get("data_size").asLong());
      assertEquals(0, got.get("fds").size());
    }
  }

  @Test
  void unsealedBlobsOfADisconnectedClientAreFreed() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      c.call("{\"type\":\"create_buffer_request\",\"size\":1048576}");
      c.socket.receiveFd();
      assertEquals(1 << 20, fx.store.used());
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fx.store.used() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, fx.store.used());
  }

  @Test
  void deleteFreesMemoryAfterTheLastReaderReleases() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket());
        RawClient other = RawClient.registered(fx.socket())) {
      ObjectId id = RawJson.id(c.call("{\"type\":\"create_buffer_request\",\"size\":4096}"), "id");
      c.socket.receiveFd();
      c.call("{\"type\":\"seal_request\",\"object_id\":" + id.toUnsignedString() + "}");
      other.call("{\"type\":\"get_buffers_request\",\"ids\":[" + id.toUnsignedString() + "]}");
      other.socket.receiveFd();
      ObjectNode del =
          c.call(
              "{\"type\":\"del_data_request\",\"id\":["
                  + id.toUnsignedString()
                  + "],\"force\":false,\"deep\":true}");
      assertEquals("del_data_reply", del.path("type").asText(), del.toString());
      assertFalse(
          c.call("{\"type\":\"exists_request\",\"id\":" + id.toUnsignedString() + "}")
              .get("exists")
              .asBoolean());
      assertTrue(fx.store.used() > 0, "still referenced by the reader");
      other.call("{\"type\":\"release_request\",\"object_id\":" + id.toUnsignedString() + "}");
      c.call("{\"type\":\"release_request\",\"object_id\":" + id.toUnsignedString() + "}");
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (fx.store.used() != 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, fx.store.used());
  }

  @Test
  void instanceStatusReportsMemory() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      c.call("{\"type\":\"create_buffer_request\",\"size\":1000}");
      c.socket.receiveFd();
      ObjectNode st = c.call("{\"type\":\"instance_status_request\"}");
      ObjectNode meta = (ObjectNode) st.get("meta");
      assertEquals(64L << 20, meta.get("memory_limit").asLong());
      assertTrue(meta.get("memory_usage").asLong() >= 1000);
      assertEquals(1, meta.get("ipc_connections").asInt());
      assertEquals("local", meta.get("deployment").asText());
    }
  }
}
