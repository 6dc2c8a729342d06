package io.vineyard.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.Json;
import io.vineyard.protocol.unix.UnixSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A client that speaks raw frames, as any vineyardd client would: for protocol-level tests. */
final class RawClient implements AutoCloseable {
  final UnixSocket socket;

  RawClient(Path path) throws IOException {
    socket = UnixSocket.connect(path);
  }

  static RawClient registered(Path path) throws IOException {
    RawClient c = new RawClient(path);
    ObjectNode reply = c.call("{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1,\"session_id\":0,\"username\":\"\",\"password\":\"\"}");
    if (!"register_reply".equals(reply.path("type").asText())) {
      throw new IOException("register failed: " + reply);
    }
    return c;
  }

  ObjectNode call(String json) throws IOException {
    send(json.getBytes(StandardCharsets.UTF_8));
    return Json.decode(Frames.read(socket));
  }

  ObjectNode call(ObjectNode request) throws IOException {
    send(Json.encode(request));
    return Json.decode(Frames.read(socket));
  }

  void send(byte[] body) throws IOException {
    Frames.write(socket, body);
  }

  @Override
  public void close() {
    socket.close();
  }
}
