package io.vineyard.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.RawJson;
import io.vineyard.settings.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RPC endpoint over TCP, driven by raw frames and payload bytes as vineyardd's RPC client
 * writes them: remote blobs in and out, the same commands as the IPC socket, and its limits.
 */
class RpcProtocolTest {
  static final long MAX_FRAME = 1 << 20;
  ServerFixture fx;
  String endpoint;

  @BeforeEach
  void start() throws Exception {
    fx = new ServerFixture(64L << 20);
    endpoint = fx.startRpc(MAX_FRAME);
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void registerAnnouncesTheEndpointOnBothSockets() throws Exception {
    assertTrue(endpoint.startsWith("127.0.0.1:"), endpoint);
    try (TcpRawClient tcp = new TcpRawClient(endpoint);
        RawClient ipc = new RawClient(fx.socket())) {
      ObjectNode before = tcp.call("{\"type\":\"exists_request\",\"id\":1}");
      RawClient.assertError(before, 1, "not registered");
      ObjectNode r =
          tcp.call("{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1}");
      assertEquals(endpoint, r.get("rpc_endpoint").asText());
      assertFalse(r.get("support_rpc_compression").asBoolean());
      ObjectNode viaIpc = ipc.call("{\"type\":\"register_request\",\"version\":\"0.24.2\"}");
      assertEquals(endpoint, viaIpc.get("rpc_endpoint").asText());
      JsonNode status = ipc.call("{\"type\":\"instance_status_request\"}").get("meta");
      assertEquals(1, status.get("rpc_connections").asInt());
      assertEquals(1, status.get("ipc_connections").asInt());
    }
  }

  @Test
  void aRemoteBlobGoesInAndComesBackByteForByte() throws Exception {
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    try (TcpRawClient c = TcpRawClient.registered(endpoint)) {
      ObjectNode goOn = c.call("{\"type\":\"create_remote_buffer_request\",\"size\":300000}");
      assertEquals("create_buffer_reply", goOn.get("type").asText(), goOn.toString());
      assertEquals(-1, goOn.get("fd").asInt(), "no fd over TCP");
      ObjectId id = RawJson.id(goOn, "id");
      assertTrue(id.isBlob());
      c.sendBytes(data);
      ObjectNode done = c.read();
      assertEquals("create_buffer_reply", done.get("type").asText());
      assertEquals(id, RawJson.id(done, "id"));
      assertEquals(300_000, done.get("created").get("data_size").asLong());
      assertTrue(done.get("created").get("is_sealed").asBoolean());

      // read back as a signed ID under a numbered key, as some clients write it
      ObjectNode got =
          c.call(
              "{\"type\":\"get_remote_buffers_request\",\"num\":1,\"0\":"
                  + id.value()
                  + ",\"unsafe\":false,\"compress\":true}");
      assertEquals("get_buffers_reply", got.get("type").asText(), got.toString());
      assertFalse(got.get("compress").asBoolean(), "the bytes come raw, and the reply says so");
      assertEquals(300_000, got.get("payloads").get(0).get("data_size").asLong());
      assertArrayEquals(data, c.readBytes(data.length));
      // the connection goes on with frames after the bytes
      assertTrue(c.call("{\"type\":\"exists_request\",\"id\":" + id.value() + "}").has("exists"));
    }
    // a blob created over RPC is an ordinary sealed blob: the IPC socket serves it too
    try (RawClient ipc = RawClient.registered(fx.socket())) {
      ObjectNode list =
          ipc.call("{\"type\":\"list_data_request\",\"pattern\":\"vineyard::Blob\",\"limit\":9}");
      assertEquals(1, list.get("content").size(), list.toString());
    }
  }

  @Test
  void batchesKeepTheirOrderAndTheEmptyBlob() throws Exception {
    byte[] a = {1, 2, 3};
    byte[] b = {4, 5, 6, 7, 8};
    try (TcpRawClient c = TcpRawClient.registered(endpoint)) {
      ObjectNode goOn =
          c.call(
              "{\"type\":\"create_remote_buffers_request\",\"num\":3,\"sizes\":[3,0,5],"
                  + "\"compress\":false}");
      assertEquals("create_buffers_reply", goOn.get("type").asText(), goOn.toString());
      assertEquals(3, goOn.get("num").asInt());
      assertEquals(3, goOn.get("payloads").size());
      assertEquals(goOn.get("payloads").get(2), goOn.get("2"), "numbered keys too");
      List<ObjectId> ids = RawJson.ids(goOn, "ids");
      assertEquals(ObjectId.EMPTY_BLOB, ids.get(1));
      c.sendBytes(a);
      c.sendBytes(b);
      ObjectNode done = c.read();
      assertEquals(ids, RawJson.ids(done, "ids"));

      ObjectNode got =
          c.call(
              "{\"type\":\"get_remote_buffers_request\",\"ids\":["
                  + ids.get(2).toUnsignedString()
                  + ","
                  + ids.get(1).toUnsignedString()
                  + ","
                  + ids.get(0).toUnsignedString()
                  + "]}");
      assertEquals(3, got.get("num").asInt());
      assertArrayEquals(b, c.readBytes(5));
      assertArrayEquals(a, c.readBytes(3));
    }
  }

  @Test
  void theIpcSocketCarriesRemoteBuffersToo() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      ObjectNode goOn = c.call("{\"type\":\"create_remote_buffer_request\",\"size\":4}");
      ObjectId id = RawJson.id(goOn, "id");
      c.socket.writeFully(new byte[] {9, 8, 7, 6}, 0, 4);
      ObjectNode done = RawJson.decode(io.vineyard.protocol.Frames.read(c.socket));
      assertEquals(id, RawJson.id(done, "id"));
      c.call(
          "{\"type\":\"get_remote_buffers_request\",\"num\":1,\"0\":"
              + id.toUnsignedString()
              + "}");
      assertArrayEquals(new byte[] {9, 8, 7, 6}, c.socket.readFully(4));
    }
  }

  @Test
  void compressionAndRdmaAreRefusedBeforeAnyByte() throws Exception {
    try (TcpRawClient c = TcpRawClient.registered(endpoint)) {
      RawClient.assertError(
          c.call("{\"type\":\"create_remote_buffer_request\",\"size\":8,\"compress\":true}"),
          1,
          "support_rpc_compression: false");
      RawClient.assertError(
          c.call("{\"type\":\"create_remote_buffers_request\",\"sizes\":[8],\"use_rdma\":true}"),
          1,
          "RDMA");
      RawClient.assertError(c.call("{\"type\":\"create_remote_buffer_request\"}"), 1, "size");
      assertEquals(0, fx.store.used(), "nothing was allocated");
    }
  }

  /** vineyardd reads only 'sizes' (its 'num' is informative): a 'num' that differs is no error. */
  @Test
  void sizesDecideHowManyBlobsNotNum() throws Exception {
    try (TcpRawClient c = TcpRawClient.registered(endpoint)) {
      ObjectNode goOn =
          c.call("{\"type\":\"create_remote_buffers_request\",\"num\":2,\"sizes\":[2]}");
      assertEquals(1, goOn.get("num").asInt(), goOn.toString());
      c.sendBytes(new byte[] {7, 9});
      ObjectNode done = c.read();
      assertEquals(RawJson.ids(goOn, "ids"), RawJson.ids(done, "ids"));
    }
  }

  @Test
  void aClientThatLeavesMidPayloadLeavesNothingBehind() throws Exception {
    long before = fx.store.used();
    try (TcpRawClient c = TcpRawClient.registered(endpoint)) {
      ObjectNode goOn = c.call("{\"type\":\"create_remote_buffer_request\",\"size\":1048576}");
      assertEquals("create_buffer_reply", goOn.get("type").asText());
      assertNotEquals(before, fx.store.used());
      c.sendBytes(new byte[1000]);
    }
    assertTrue(
        Deadline.in(Duration.ofSeconds(30))
            .poll(Duration.ofMillis(10), () -> fx.store.used() == before),
        "the unfinished blob is freed: " + fx.store.used() + " bytes in use");
    assertEquals(0, fx.store.blobCount());
  }

  @Test
  void aFrameOverTheLimitClosesTheConnectionAndOthersGoOn() throws Exception {
    try (TcpRawClient bad = TcpRawClient.registered(endpoint);
        TcpRawClient good = TcpRawClient.registered(endpoint)) {
      RawClient.assertError(bad.call("not json"), 1, "JSON");
      RawClient.assertError(bad.call("{\"type\":\"no_such_request\"}"), 1, "no_such_request");
      bad.sendHeader(MAX_FRAME + 1);
      assertTrue(bad.closedByServer());
      List<ObjectNode> replies = new ArrayList<>();
      replies.add(good.call("{\"type\":\"instance_status_request\"}"));
      assertEquals("instance_status_reply", replies.get(0).get("type").asText());
    }
  }
}
