import static java.nio.charset.StandardCharsets.UTF_8;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The seed's first example from a plain Java program. With a socket argument it puts
 * "Hello, World!" and prints the blob; with a socket and an object ID it reads that blob back
 * (from another process: the bytes are not copied, the buffer maps the instance's memory).
 */
public class HelloVineyard {
  public static void main(String[] args) {
    try (VineyardClient client = Vineyard.connect(Path.of(args[0]))) {
      if (args.length == 1) {
        ObjectId id = client.put("Hello, World!".getBytes(UTF_8));
        Blob blob = client.getObject(id, Blob.class);
        System.out.println(blob.typename() + " " + blob.size() + " " + blob);
      } else {
        ByteBuffer bytes = (ByteBuffer) client.get(ObjectId.parse(args[1]));
        System.out.println(UTF_8.decode(bytes) + " (read-only: " + bytes.isReadOnly() + ", direct: " + bytes.isDirect() + ")");
      }
    }
  }
}
