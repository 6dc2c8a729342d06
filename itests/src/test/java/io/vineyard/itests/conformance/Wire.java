package io.vineyard.itests.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vineyard.posix.Posix;
import io.vineyard.posix.UnixSocket;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that writes frames by hand, as vineyardd's C++ and Python clients do: an 8-byte
 * little-endian length, then the JSON text; descriptors are received with SCM_RIGHTS, one message
 * each. It knows nothing of this project's protocol code, so what it checks is the wire itself.
 * Received store fds are closed with the client.
 */
final class Wire implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private final UnixSocket socket;
  private final List<Integer> fds = new ArrayList<>();

  private Wire(UnixSocket socket) {
    this.socket = socket;
  }

  /** Connects without registering. */
  static Wire connect(Path path) throws IOException {
    return new Wire(UnixSocket.connect(path));
  }

  /** Connects and registers as vineyardd's C++ client does (store_type 1, session 0). */
  static Wire registered(Path path) throws IOException {
    Wire w = connect(path);
    JsonNode r =
        w.call(
            "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1,"
                + "\"session_id\":0,\"username\":\"\",\"password\":\"\"}");
    assertEquals("register_reply", r.path("type").asText(), r.toString());
    return w;
  }

  /** Sends one request and reads its reply. */
  JsonNode call(String json) throws IOException {
    send(json);
    return read();
  }

  void send(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[8 + body.length];
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putLong(body.length);
    System.arraycopy(body, 0, frame, 8, body.length);
    socket.writeFully(frame, 0, frame.length);
  }

  JsonNode read() throws IOException {
    long n = ByteBuffer.wrap(socket.readFully(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return JSON.readTree(socket.readFully((int) n));
  }

  /** Receives one descriptor (kept open until close). */
  int receiveFd() throws IOException {
    int fd = socket.receiveFd();
    fds.add(fd);
    return fd;
  }

  /** Whether the server closed the connection. */
  boolean closedByServer() {
    return socket.peerClosed();
  }

  /** An ID field of a reply, signed or unsigned on the wire, as its 64 bits. */
  static long id(JsonNode node) {
    assertTrue(node.isIntegralNumber(), "an id must be a JSON number: " + node);
    return node.bigIntegerValue().longValue();
  }

  /** vineyardd's unsigned form of an ID. */
  static String unsigned(long id) {
    return Long.toUnsignedString(id);
  }

  /** The signed form some clients write (blob IDs negative). */
  static String signed(long id) {
    return Long.toString(id);
  }

  /** The text form inside metadata trees. */
  static String text(long id) {
    return String.format("o%016x", id);
  }

  /** Writes bytes into a blob through the store fd, at its payload's data_offset. */
  static void write(int fd, JsonNode payload, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(Path.of("/proc/self/fd/" + fd), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes), payload.path("data_offset").asLong());
    }
  }

  /** Reads a blob's bytes through the store fd. */
  static byte[] readBytes(int fd, JsonNode payload) throws IOException {
    int size = payload.path("data_size").asInt();
    ByteBuffer b = ByteBuffer.allocate(size);
    try (FileChannel ch = FileChannel.open(Path.of("/proc/self/fd/" + fd))) {
      ch.read(b, payload.path("data_offset").asLong());
    }
    return b.array();
  }

  /** Asserts an error reply: no type, the code, a message that mentions {@code fragment}. */
  static void assertError(JsonNode reply, int code, String fragment) {
    assertTrue(reply.path("type").isMissingNode(), "an error reply has no type: " + reply);
    assertEquals(code, reply.path("code").asInt(), reply.toString());
    assertTrue(
        reply.path("message").asText().contains(fragment),
        "message should mention '" + fragment + "': " + reply);
  }

  /** Asserts a reply of the given type. */
  static JsonNode assertType(JsonNode reply, String type) {
    assertEquals(type, reply.path("type").asText(), reply.toString());
    return reply;
  }

  static BigInteger asUnsigned(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v < 0 ? b.add(TWO_64) : b;
  }

  /** Whether {@code condition} holds within 10 seconds (asked every 20 ms). */
  static boolean eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.call()) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Override
  public void close() {
    socket.close();
    fds.forEach(Posix::close);
  }
}
