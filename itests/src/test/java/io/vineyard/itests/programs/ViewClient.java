package io.vineyard.itests.programs;

import io.vineyard.api.Blob;
import io.vineyard.api.ElementView;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.composite.Pair;
import io.vineyard.plugin.composite.PairObject;
import io.vineyard.plugin.tensor.Tensor;
import io.vineyard.plugin.tensor.TensorObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A client driven line by line on stdin, answering one line per command on stdout, so a test can
 * interleave two of them: {@code ViewClient SOCKET}.
 *
 * <p>Writer commands: {@code put KIND ROUND} puts a 1 MiB value of {@code blob}, {@code array},
 * {@code tensor} or {@code pair} whose last element is {@code ROUND} and answers its ID (waiting up
 * to 60 s while the instance is full, as a writer would); {@code delete ID} answers the memory in
 * use after it; {@code used} answers the instance's memory in use. Reader commands: {@code get ID}
 * and {@code view ID} read the last element through the value or the typed view and drop it without
 * release or close; {@code gc} runs the collector (readers drop their views; nothing else makes a
 * JVM with a large heap collect them); {@code slice ID} keeps a 16-byte slice of a blob view's
 * buffer, drops the view and waits until the collector has taken it; {@code readslice}, {@code
 * dropslice}; {@code closed ID} closes a typed view and then reads it, answering the exception.
 */
public final class ViewClient {
  static final int MIB = 1 << 20;
  static final int DOUBLES = MIB / 8;

  private static ByteBuffer slice;

  public static void main(String[] args) throws Exception {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (VineyardClient client = Vineyard.connect(Path.of(args[0]))) {
      System.out.println("ready");
      for (String line; (line = in.readLine()) != null; ) {
        String[] w = line.split(" ");
        String answer;
        try {
          answer = run(client, w);
        } catch (RuntimeException e) {
          answer = "error " + e.getClass().getName() + ": " + e.getMessage();
        }
        System.out.println(answer.replace('\n', ' '));
        if (w[0].equals("exit")) {
          return;
        }
      }
    }
  }

  private static String run(VineyardClient client, String[] w) throws InterruptedException {
    return switch (w[0]) {
      case "put" -> put(client, w[1], Integer.parseInt(w[2])).toString();
      case "delete" -> {
        client.delete(ObjectId.parse(w[1]));
        yield Long.toString(client.status().memoryUsage());
      }
      case "used" -> Long.toString(client.status().memoryUsage());
      case "get" -> last(client.get(ObjectId.parse(w[1])));
      case "view" -> last(client.getObject(ObjectId.parse(w[1])));
      case "gc" -> {
        System.gc();
        yield "ok";
      }
      case "slice" -> {
        Blob view = client.getObject(ObjectId.parse(w[1]), Blob.class);
        slice = view.buffer().slice(view.buffer().capacity() - 16, 16);
        WeakReference<Blob> gone = new WeakReference<>(view);
        view = null;
        while (gone.get() != null) {
          System.gc();
          Thread.sleep(10);
        }
        yield "ok";
      }
      case "readslice" -> Integer.toString(slice.get(15));
      case "dropslice" -> {
        slice = null;
        System.gc();
        yield "ok";
      }
      case "closed" -> {
        VineyardObject view = client.getObject(ObjectId.parse(w[1]));
        view.close();
        try {
          yield "read " + last(view);
        } catch (IllegalStateException e) {
          yield "threw " + e.getClass().getName() + ": " + e.getMessage();
        }
      }
      case "exit" -> "bye";
      default -> throw new IllegalArgumentException("unknown command " + w[0]);
    };
  }

  private static ObjectId put(VineyardClient client, String kind, int round)
      throws InterruptedException {
    Object value =
        switch (kind) {
          case "blob" -> {
            byte[] b = new byte[MIB];
            b[MIB - 1] = (byte) round;
            yield b;
          }
          case "array" -> doubles(DOUBLES, round);
          case "tensor" -> Tensor.of(doubles(DOUBLES, round), 256, DOUBLES / 256);
          case "pair" -> Pair.of(doubles(DOUBLES / 2, -1), doubles(DOUBLES / 2, round));
          default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        return client.put(value);
      } catch (VineyardException.NotEnoughMemory e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(10); // a reader's releases are on their way, or memory leaks
      }
    }
  }

  private static double[] doubles(int n, int round) {
    double[] d = new double[n];
    Arrays.fill(d, 0.5);
    d[n - 1] = round;
    return d;
  }

  /** The last element of a value or view, as an integer. */
  private static String last(Object o) {
    return switch (o) {
      case ByteBuffer b -> Integer.toString(b.get(b.capacity() - 1));
      case DoubleBuffer d -> Integer.toString((int) d.get(d.capacity() - 1));
      case Tensor t -> last(t.buffer());
      case Pair<?, ?> p -> last(p.second());
      case Blob b -> last(b.buffer());
      case TensorObject t -> last(t.tensor());
      case ElementView e -> last(e.buffer());
      case PairObject p -> last(p.second());
      default -> throw new IllegalArgumentException("cannot read a " + o.getClass().getName());
    };
  }
}
