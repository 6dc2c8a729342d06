package org.example.clientonly;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A program of a project whose only dependency is {@code vineyard-client}: puts a {@code byte[]}
 * and a {@code ByteBuffer}, gets both back, prints them.
 */
public final class BytesRoundTrip {
  private BytesRoundTrip() {}

  /**
   * Runs against a socket.
   *
   * @param args the instance's socket path
   */
  public static void main(String[] args) {
    try (VineyardClient client = Vineyard.connect(Path.of(args[0]))) {
      ObjectId a = client.put("from a byte[]".getBytes(StandardCharsets.UTF_8));
      ObjectId b =
          client.put(ByteBuffer.wrap("from a ByteBuffer".getBytes(StandardCharsets.UTF_8)));
      System.out.println(
          text((ByteBuffer) client.get(a)) + " / " + text((ByteBuffer) client.get(b)));
    }
  }

  private static String text(ByteBuffer bytes) {
    byte[] copy = new byte[bytes.remaining()];
    bytes.duplicate().get(copy);
    return new String(copy, StandardCharsets.UTF_8);
  }
}
