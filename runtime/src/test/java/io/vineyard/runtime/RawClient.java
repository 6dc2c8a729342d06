package io.vineyard.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Speaks just enough of vineyardd's IPC protocol (8-byte little-endian length, JSON) to ask for a
 * status.
 */
final class RawClient {
  private RawClient() {}

  /** Registers and returns the JSON text of the {@code instance_status_reply}. */
  static String instanceStatus(Path socket) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      String registered =
          exchange(
              channel,
              "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":\"Normal\"}");
      if (!registered.contains("\"register_reply\"")) {
        throw new IOException("not registered: " + registered);
      }
      return exchange(channel, "{\"type\":\"instance_status_request\"}");
    }
  }

  private static String exchange(SocketChannel channel, String request) throws IOException {
    byte[] body = request.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out =
        ByteBuffer.allocate(8 + body.length)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(body.length)
            .put(body)
            .flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    ByteBuffer header = read(channel, 8).order(ByteOrder.LITTLE_ENDIAN);
    return StandardCharsets.UTF_8.decode(read(channel, (int) header.getLong())).toString();
  }

  private static ByteBuffer read(SocketChannel channel, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (channel.read(b) < 0) {
        throw new EOFException("the server closed the connection");
      }
    }
    return b.flip();
  }
}
