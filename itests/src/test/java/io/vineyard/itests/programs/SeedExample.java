package io.vineyard.itests.programs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The seed's first example as a plain Java program (no OSGi): {@code put SOCKET} stores "Hello,
 * World!" and prints the blob; {@code get SOCKET ID} reads it back from another process.
 */
public final class SeedExample {
  public static void main(String[] args) {
    try (VineyardClient client = Vineyard.connect(Path.of(args[1]))) {
      if (args[0].equals("put")) {
        ObjectId id = client.put("Hello, World!".getBytes(UTF_8));
        Blob blob = client.getObject(id, Blob.class);
        System.out.println(blob.typename() + " " + blob.size() + " " + blob);
        System.out.println("id=" + id);
      } else {
        ByteBuffer view = (ByteBuffer) client.get(ObjectId.parse(args[2]));
        byte[] bytes = new byte[view.remaining()];
        view.duplicate().get(bytes);
        System.out.println(
            "direct="
                + view.isDirect()
                + " readOnly="
                + view.isReadOnly()
                + " bytes="
                + new String(bytes, UTF_8));
      }
    }
  }
}
