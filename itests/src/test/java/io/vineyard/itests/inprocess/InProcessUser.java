package io.vineyard.itests.inprocess;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import java.nio.ByteBuffer;

/**
 * A user's DS component deployed into the runtime (InProcessClientTest packs it as a bundle with
 * the hand-written descriptor in {@code resources/inprocess-bundle}): it gets the in-process {@link
 * VineyardClient} service, puts a blob, reads it back, and leaves an {@code
 * itests::InProcessReport} object that the test reads over the socket.
 */
public final class InProcessUser {
  /** The text put from inside the runtime. */
  public static final String TEXT = "put from inside the runtime";

  /** Injected by DS (field reference). */
  private VineyardClient client;

  void activate() {
    byte[] bytes = TEXT.getBytes(UTF_8);
    ObjectId id = client.put(bytes);
    ByteBuffer back = (ByteBuffer) client.get(id);
    Blob view = client.getObject(id, Blob.class);
    client.createMetadata(
        ObjectMeta.builder("itests::InProcessReport")
            .put("same_bytes", back.equals(ByteBuffer.wrap(bytes)) && view.size() == bytes.length)
            .put("read_only", back.isReadOnly())
            .put("client_instance", client.instanceId())
            .member("blob_", view.meta())
            .build());
  }
}
