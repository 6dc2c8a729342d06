import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.arrow.StoreAllocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An Arrow record batch through Vineyard: {@code ArrowTable SOCKET} builds one straight into shared
 * memory and puts it (printing its ID); {@code ArrowTable SOCKET ID} gets a batch, put from here or
 * by vineyard's Python client, and prints it.
 */
public class ArrowTable {
  public static void main(String[] args) {
    try (VineyardClient client = Vineyard.connect(Path.of(args[0]))) {
      if (args.length == 1) {
        try (BufferAllocator store = StoreAllocator.create(client);
            BigIntVector id = new BigIntVector("id", store);
            VarCharVector name = new VarCharVector("name", store)) {
          String[] names = {"apple", "banana", "cherry"};
          for (int i = 0; i < names.length; i++) {
            id.setSafe(i, 100 + i);
            name.setSafe(i, names[i].getBytes(StandardCharsets.UTF_8));
          }
          VectorSchemaRoot batch = VectorSchemaRoot.of(id, name);
          batch.setRowCount(names.length);
          System.out.println(client.put(batch)); // seals the blobs the vectors were written in
        }
      } else {
        try (VectorSchemaRoot batch = (VectorSchemaRoot) client.get(ObjectId.parse(args[1]))) {
          System.out.print(batch.contentToTSVString()); // vectors over the shared memory
        }
      }
    }
  }
}
