package io.vineyard.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.posix.UnixSocket;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.RawJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;

/** A client that speaks raw frames, as any vineyardd client would: for protocol-level tests. */
final class RawClient implements AutoCloseable {
  final UnixSocket socket;

  RawClient(Path path) throws IOException {
    socket = UnixSocket.connect(path);
  }

  static RawClient registered(Path path) throws IOException {
    RawClient c = new RawClient(path);
    ObjectNode reply =
        c.call(
            "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1,\"session_id\":0,\"username\":\"\",\"password\":\"\"}");
    if (!"register_reply".equals(reply.path("type").asText())) {
      throw new IOException("register failed: " + reply);
    }
    return c;
  }

  ObjectNode call(String json) throws IOException {
    send(json.getBytes(StandardCharsets.UTF_8));
    return RawJson.decode(Frames.read(socket));
  }

  ObjectNode call(ObjectNode request) throws IOException {
    send(RawJson.encode(request));
    return RawJson.decode(Frames.read(socket));
  }

  /**
   * Creates, fills nothing, and seals a blob of {@code size} bytes (taking the arena fd if sent).
   */
  ObjectId sealedBlob(int size) throws IOException {
    ObjectNode r = call("{\"type\":\"create_buffer_request\",\"size\":" + size + "}");
    if (r.get("fd").asInt() != -1) {
      socket.receiveFd();
    }
    ObjectId id = RawJson.id(r, "id");
    call("{\"type\":\"seal_request\",\"object_id\":" + id.toUnsignedString() + "}");
    return id;
  }

  /** Sends create_data_request with the given content (JSON text); returns the reply as it is. */
  ObjectNode createData(String content) throws IOException {
    return call("{\"type\":\"create_data_request\",\"content\":" + content + "}");
  }

  /** Creates a member-less object of typename {@code my::Thing}; returns its ID. */
  ObjectId thing() throws IOException {
    return RawJson.id(createData("{\"typename\":\"my::Thing\",\"nbytes\":0}"), "id");
  }

  /** Asserts an error reply: its code, and a message mentioning {@code fragment}. */
  static void assertError(ObjectNode reply, int code, String fragment) {
    Assertions.assertEquals(code, reply.path("code").asInt(), reply.toString());
    Assertions.assertTrue(
        reply.path("message").asText().contains(fragment),
        "message should mention '" + fragment + "': " + reply);
  }

  void send(byte[] body) throws IOException {
    Frames.write(socket, body);
  }

  @Override
  public void close() {
    socket.close();
  }
}
