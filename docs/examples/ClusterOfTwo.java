import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardObject;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.array.ArrayObject;
import io.vineyard.plugin.composite.Pair;
import io.vineyard.plugin.composite.PairObject;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The seed's second example from a plain Java program: a pair whose first array lives in
 * the instance on {@code SOCKET1} and whose second lives in the instance on {@code SOCKET2}, read
 * from the second. Prints {@code vineyard::Array<double> 8 4}, then {@code (null, [1.0, 1.0, 1.0, 1.0])}:
 * the first array's payload stays on the first instance. Arguments: {@code SOCKET1 SOCKET2}.
 */
public class ClusterOfTwo {
  public static void main(String[] args) {
    try (VineyardClient client1 = Vineyard.connect(Path.of(args[0]));
        VineyardClient client2 = Vineyard.connect(Path.of(args[1]))) {
      // build the first array in the first instance, and persist it to make it visible cluster-wide
      ObjectId id1 = client1.put(new double[8]);
      client1.persist(id1);

      // build the second array in the second instance, and persist it
      ObjectId id2 = client2.put(new double[] {1, 1, 1, 1});
      client2.persist(id2);

      // build the pair from client1
      VineyardObject obj1 = client1.getObject(id1);
      VineyardObject obj2 = client2.getObject(id2);
      ObjectId idPair = client1.put(Pair.of(obj1, obj2));

      // get the pair object from client2
      PairObject objPair = client2.getObject(idPair, PairObject.class);
      ArrayObject first = (ArrayObject) objPair.first();
      ArrayObject second = (ArrayObject) objPair.second();
      System.out.println(first.typename() + " " + first.size() + " " + second.size());

      // get the pair value from client2: the first array's payload is on the first instance
      Pair<?, ?> valuePair = (Pair<?, ?>) client2.get(idPair);
      System.out.println(Pair.of(printable(valuePair.first()), printable(valuePair.second())));
    }
  }

  /** An array's elements as Python prints a list; anything else as it is. */
  private static Object printable(Object value) {
    if (value instanceof DoubleBuffer b) {
      double[] copy = new double[b.remaining()];
      b.duplicate().get(copy);
      return Arrays.toString(copy);
    }
    return value;
  }
}
