package io.vineyard.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.protocol.RawJson;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A raw client of the RPC endpoint: frames and payload bytes over TCP, as vineyardd's own. */
final class TcpRawClient implements AutoCloseable {
  final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  TcpRawClient(String endpoint) throws IOException {
    int colon = endpoint.lastIndexOf(':');
    socket =
        new Socket(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)));
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  static TcpRawClient registered(String endpoint) throws IOException {
    TcpRawClient c = new TcpRawClient(endpoint);
    ObjectNode reply =
        c.call(
            "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1,\"session_id\":0}");
    if (!"register_reply".equals(reply.path("type").asText())) {
      throw new IOException("register failed: " + reply);
    }
    return c;
  }

  ObjectNode call(String json) throws IOException {
    send(json);
    return read();
  }

  void send(String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    sendHeader(body.length);
    out.write(body);
    out.flush();
  }

  void sendHeader(long length) throws IOException {
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array());
  }

  void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  ObjectNode read() throws IOException {
    byte[] header = new byte[8];
    in.readFully(header);
    long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
    byte[] body = new byte[(int) length];
    in.readFully(body);
    return RawJson.decode(body);
  }

  byte[] readBytes(int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  /** Whether the server closed the connection (the next read sees the end of the stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (EOFException | java.net.SocketException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
