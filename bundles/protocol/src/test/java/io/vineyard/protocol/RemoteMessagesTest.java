package io.vineyard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.RemoteMessages.CreateRemoteBuffersRequest;
import io.vineyard.protocol.RemoteMessages.GetRemoteBuffersRequest;
import io.vineyard.protocol.RemoteMessages.MigrateObjectRequest;
import io.vineyard.protocol.StoreMessages.CreateBuffersReply;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RPC endpoint's messages as vineyardd's clients write and read them. */
class RemoteMessagesTest {
  static final ObjectId BLOB = ObjectId.parse("o8000000011cfa704");

  private static Request<?> read(String json) {
    return Codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void getRemoteBuffersReadsNumberedKeysSignedIdsAndFlags() {
    var r =
        (GetRemoteBuffersRequest)
            read(
                "{\"type\":\"get_remote_buffers_request\",\"num\":1,\"0\":"
                    + BLOB.value()
                    + ",\"unsafe\":true,\"compress\":true}");
    assertEquals(List.of(BLOB), r.ids());
    assertTrue(r.unsafe());
    assertTrue(r.compress());
    assertFalse(r.useRdma());
    ObjectNode written = RawJson.decode(Codec.encode(r));
    assertEquals("get_remote_buffers_request", written.get("type").asText());
    assertEquals(BLOB.toUnsignedString(), written.get("0").asText());
    assertEquals(r, Codec.decodeRequest(Codec.encode(r)));
  }

  @Test
  void missingNumberedKeysAreNamed() {
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.vineyard.api.VineyardException.Invalid.class,
            () -> read("{\"type\":\"get_remote_buffers_request\",\"num\":2,\"0\":1}"));
    assertTrue(e.getMessage().contains("\"1\""), e.getMessage());
  }

  @Test
  void createRemoteBuffersAndMigrate() {
    var c =
        (CreateRemoteBuffersRequest)
            read("{\"type\":\"create_remote_buffers_request\",\"num\":2,\"sizes\":[3,4]}");
    assertEquals(List.of(3L, 4L), c.sizes());
    var m =
        (MigrateObjectRequest)
            read(
                "{\"type\":\"migrate_object_request\",\"object_id\":12,\"local\":false,"
                    + "\"is_stream\":false,\"peer\":\"h\",\"peer_rpc_endpoint\":\"h:9600\"}");
    assertEquals(ObjectId.of(12), m.objectId());
  }

  @Test
  void createBuffersReplyWritesPayloadsTwiceAndReadsBack() {
    Payload p = new Payload(BLOB, 5, 64, 3, 4096, 0, true, true);
    var reply = new CreateBuffersReply(1, List.of(BLOB), List.of(), List.of(p));
    ObjectNode json = RawJson.decode(Codec.encode(reply));
    assertEquals("create_buffers_reply", json.get("type").asText());
    assertEquals(json.get("payloads").get(0), json.get("0"));
    CreateBuffersReply back =
        Codec.decodeReply(
            Codec.encode(reply), Command.CREATE_REMOTE_BUFFERS, CreateBuffersReply.class);
    assertEquals(List.of(BLOB), back.ids());
    assertEquals(List.of(p), back.payloads());
  }

  /**
   * Two record types under one reply name would make Jackson read one of them as the other: each
   * reply type string has exactly one record.
   */
  @Test
  void eachReplyNameHasOneRecord() {
    Map<String, Class<?>> byName = new HashMap<>();
    for (Command c : Command.values()) {
      if (c.reply() != null) {
        Class<?> before = byName.putIfAbsent(c.reply(), c.replyType());
        if (before != null) {
          assertEquals(before, c.replyType(), "two records answer as " + c.reply());
        }
      }
    }
  }
}
