package io.vineyard.itests.programs;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that holds things and waits to be killed: {@code SOCKET N} puts and reads back N blobs
 * of 64 KiB (it references each), creates a 4 MiB blob it never seals and half fills it, prints
 * {@code holding <ids>} and sleeps.
 */
public final class HoldingClient {
  public static void main(String[] args) throws InterruptedException {
    VineyardClient client = Vineyard.connect(Path.of(args[0]));
    List<ObjectId> ids = new ArrayList<>();
    List<ByteBuffer> views = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(args[1]); i++) {
      ObjectId id = client.put(new byte[64 << 10]);
      ids.add(id);
      views.add((ByteBuffer) client.get(id));
    }
    BlobWriter unsealed = client.createBlob(4 << 20);
    unsealed.segment().asSlice(0, 2 << 20).fill((byte) 1);
    System.out.println(
        "holding " + ids.stream().map(ObjectId::toString).reduce((a, b) -> a + " " + b).orElse(""));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // until killed
  }
}
