package io.vineyard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.CreateBufferReply;
import io.vineyard.protocol.BlobMessages.CreateBufferRequest;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import io.vineyard.protocol.BlobMessages.GetBuffersRequest;
import io.vineyard.protocol.BlobMessages.SealRequest;
import io.vineyard.protocol.DataMessages.CreateDataReply;
import io.vineyard.protocol.DataMessages.GetDataReply;
import io.vineyard.protocol.DataMessages.GetDataRequest;
import io.vineyard.protocol.DataMessages.ListDataRequest;
import io.vineyard.protocol.NameMessages.GetNameRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frames as vineyardd and its clients write them, byte for byte, and its quirks read back. */
class CodecTest {
  private static final ObjectId BLOB = ObjectId.parse("o800000011cfa7040");

  private static String text(Object message) {
    return new String(Codec.encode(message), StandardCharsets.UTF_8);
  }

  private static Request<?> request(String json) {
    return Codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void idsAreWrittenUnsignedAndReadSignedOrUnsigned() {
    assertEquals(
        "{\"type\":\"seal_request\",\"object_id\":9223372041635917888}",
        text(new SealRequest(BLOB)));
    assertEquals(
        new SealRequest(BLOB),
        request("{\"type\":\"seal_request\",\"object_id\":9223372041635917888}"));
    // a client writing int64: the blob ID arrives negative, the two's complement of the unsigned ID
    assertEquals(
        new SealRequest(BLOB),
        request("{\"object_id\":" + BLOB.value() + ",\"type\":\"seal_request\"}"));
    assertEquals(
        new SealRequest(BLOB),
        request("{\"type\":\"seal_request\",\"object_id\":\"" + BLOB + "\"}"));
    VineyardException e =
        assertThrows(
            VineyardException.Invalid.class,
            () -> request("{\"type\":\"seal_request\",\"object_id\":18446744073709551616}"));
    assertTrue(e.getMessage().contains("object_id"), e.getMessage());
    assertEquals(
        new GetDataRequest(List.of(ObjectId.of(1), ObjectId.INVALID), false, false),
        request("{\"type\":\"get_data_request\",\"id\":[1,18446744073709551615]}"));
    assertEquals(
        List.of(ObjectId.of(7)),
        ((GetDataRequest) request("{\"type\":\"get_data_request\",\"id\":7,\"wait\":true}")).id());
  }

  @Test
  void getBuffersUsesNumberedKeysAndPayloadsTravelInBothForms() {
    GetBuffersRequest r = new GetBuffersRequest(List.of(BLOB, ObjectId.EMPTY_BLOB), false);
    String wire =
        "{\"type\":\"get_buffers_request\",\"num\":2,\"0\":9223372041635917888,\"1\":9223372036854775808,\"unsafe\":false}";
    assertEquals(wire, text(r));
    assertEquals(r, request(wire));
    assertEquals(
        r,
        request(
            "{\"ids\":[9223372041635917888,-9223372036854775808],\"type\":\"get_buffers_request\"}"));
    assertThrows(
        VineyardException.Invalid.class,
        () -> request("{\"type\":\"get_buffers_request\",\"num\":2,\"0\":1}"));

    Payload p = new Payload(BLOB, 7, 128, 13, 4096, 0, true, false);
    String payload =
        "{\"object_id\":9223372041635917888,\"store_fd\":7,\"data_offset\":128,\"data_size\":13,\"map_size\":4104,"
            + "\"pointer\":0,\"is_sealed\":true,\"is_owner\":false,\"is_gpu\":false}";
    String reply =
        "{\"type\":\"get_buffers_reply\",\"payloads\":["
            + payload
            + "],\"fds\":[7],\"num\":1,\"compress\":false}";
    // written as vineyardd writes it: the payloads again under numbered keys (its Java client and
    // older clients read only those)
    assertEquals(
        reply.substring(0, reply.length() - 1) + ",\"0\":" + payload + "}",
        text(new GetBuffersReply(List.of(p), List.of(7), 1, false)));
    assertEquals(
        List.of(p),
        Codec.decodeReply(reply.getBytes(), Command.GET_BUFFERS, GetBuffersReply.class).payloads());
    // older servers: numbered keys, no fds
    GetBuffersReply old =
        Codec.decodeReply(
            ("{\"type\":\"get_buffers_reply\",\"num\":1,\"0\":" + payload + "}").getBytes(),
            Command.GET_BUFFERS,
            GetBuffersReply.class);
    assertEquals(List.of(p), old.payloads());
    assertEquals(null, old.fds());
  }

  @Test
  void theEmptyBlobHasNoFileToMap() {
    assertEquals(
        "{\"type\":\"create_buffer_reply\",\"id\":9223372036854775808,\"fd\":-1,\"created\":{\"object_id\":9223372036854775808,"
            + "\"store_fd\":-1,\"data_offset\":0,\"data_size\":0,\"map_size\":0,\"pointer\":0,\"is_sealed\":true,\"is_owner\":true,"
            + "\"is_gpu\":false}}",
        text(new CreateBufferReply(ObjectId.EMPTY_BLOB, -1, Payload.empty())));
  }

  @Test
  void listDataIsAnsweredWithGetDataReply() {
    assertEquals(new ListDataRequest("*", false, 5L), request("{\"type\":\"list_data_request\"}"));
    ObjectMeta tree = ObjectMeta.builder("t").nbytes(0).build();
    String wire =
        "{\"type\":\"get_data_reply\",\"content\":{\"o0000000000000001\":{\"typename\":\"t\",\"transient\":true,\"nbytes\":0}}}";
    assertEquals(wire, text(new GetDataReply(Map.of("o0000000000000001", tree))));
    assertEquals(
        tree,
        Codec.decodeReply(wire.getBytes(), Command.LIST_DATA, GetDataReply.class)
            .content()
            .get("o0000000000000001"));
  }

  @Test
  void unsignedNumbersOfReplies() {
    String wire =
        "{\"type\":\"create_data_reply\",\"id\":5,\"signature\":18446744073709551615,\"instance_id\":3}";
    assertEquals(wire, text(new CreateDataReply(ObjectId.of(5), -1, 3)));
    assertEquals(
        -1,
        Codec.decodeReply(wire.getBytes(), Command.CREATE_DATA, CreateDataReply.class).signature());
  }

  @Test
  void badRequestsNameTheProblem() {
    assertMessage("{\"type\": \"create_buffer_request\", ", "JSON");
    assertMessage("[1,2,3]", "JSON object");
    assertMessage("{\"size\": 1}", "'type'");
    assertMessage("{\"type\":\"teleport_request\"}", "teleport_request");
    assertMessage("{\"type\":\"create_buffer_request\"}", "'size'");
    assertMessage("{\"type\":\"create_buffer_request\",\"size\":\"many\"}", "size");
    assertMessage("{\"type\":\"get_data_request\",\"id\":[\"banana\"]}", "banana");
    assertMessage("{\"type\":\"get_name_request\",\"name\":5}", "name");
    assertEquals(
        new CreateBufferRequest(10),
        request("{\"size\":10,\"type\":\"create_buffer_request\",\"extra\":[1]}"));
    assertEquals(
        new GetNameRequest("n", true),
        request("{\"type\":\"get_name_request\",\"name\":\"n\",\"wait\":true}"));
  }

  private static void assertMessage(String json, String part) {
    VineyardException e = assertThrows(VineyardException.Invalid.class, () -> request(json), json);
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void errorRepliesBecomeTypedExceptions() {
    byte[] error = Codec.encode(ErrorReply.of(new VineyardException.ObjectNotExists("no o1")));
    assertEquals("{\"code\":12,\"message\":\"no o1\"}", new String(error, StandardCharsets.UTF_8));
    assertThrows(
        VineyardException.ObjectNotExists.class,
        () -> Codec.decodeReply(error, Command.GET_DATA, GetDataReply.class));
    VineyardException wrong =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                Codec.decodeReply(
                    "{\"type\":\"seal_reply\"}".getBytes(), Command.GET_DATA, GetDataReply.class));
    assertTrue(wrong.getMessage().contains("'seal_reply'"), wrong.getMessage());
    assertInstanceOf(
        VineyardException.Invalid.class,
        assertThrows(
            VineyardException.class,
            () ->
                Codec.decodeReply(
                    "{\"type\":\"teleport_reply\"}".getBytes(),
                    Command.GET_DATA,
                    GetDataReply.class)));
  }
}
