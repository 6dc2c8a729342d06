package io.vineyard.itests.programs;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.nio.file.Path;
import org.example.point.Point;

/**
 * A plain-JVM client with the example::Point plugin jar on its class path (found by ServiceLoader):
 * {@code put SOCKET} stores Point(1.5, -2) and reads it back; {@code get SOCKET ID} reads a point
 * from another process.
 */
public final class PointClient {
  public static void main(String[] args) {
    try (VineyardClient client = Vineyard.connect(Path.of(args[1]))) {
      if (args[0].equals("put")) {
        Point point = new Point(1.5, -2);
        ObjectId id = client.put(point);
        Object back = client.get(id);
        System.out.println("id=" + id);
        System.out.println("equal=" + point.equals(back) + " got=" + back);
      } else {
        ObjectId id = ObjectId.parse(args[2]);
        System.out.println("view=" + client.getObject(id) + " got=" + client.get(id));
      }
    }
  }
}
