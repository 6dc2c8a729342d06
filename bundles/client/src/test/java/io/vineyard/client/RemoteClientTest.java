package io.vineyard.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.testkit.TestInstance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Vineyard#connectRemote}: blobs put and got by copy over the RPC endpoint, the same blobs
 * an IPC client maps; and migrate/fetch on an object whose payload is here already.
 */
class RemoteClientTest {
  TestInstance instance;
  String host;
  int port;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(64L << 20);
    String endpoint = instance.server().startRpc();
    host = endpoint.substring(0, endpoint.lastIndexOf(':'));
    port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  @Test
  void bytesPutRemotelyAreMappedLocallyAndBack() {
    byte[] data = new byte[100_000];
    new Random(3).nextBytes(data);
    try (RemoteClient remote = Vineyard.connectRemote(host, port);
        VineyardClient local = Vineyard.connect(instance.socket())) {
      assertEquals(local.instanceId(), remote.instanceId());
      ObjectId id = remote.putBytes(data);
      Blob blob = local.getObject(id, Blob.class);
      assertEquals(data.length, blob.size());
      ByteBuffer view = (ByteBuffer) local.get(id);
      byte[] seen = new byte[data.length];
      view.get(seen);
      assertArrayEquals(data, seen, "zero-copy view of what came over TCP");

      ObjectId put = local.put("Hello, World!".getBytes(StandardCharsets.UTF_8));
      assertEquals("Hello, World!", new String(remote.getBytes(put), StandardCharsets.UTF_8));
      assertEquals(Blob.TYPENAME, remote.getMeta(put).typename());
    }
  }

  @Test
  void batchesAndTheEmptyBlob() {
    try (RemoteClient remote = Vineyard.connectRemote(host, port)) {
      List<ObjectId> ids = remote.putBytes(List.of(new byte[] {1}, new byte[0], new byte[] {2, 3}));
      assertEquals(ObjectId.EMPTY_BLOB, ids.get(1));
      Map<ObjectId, byte[]> got = remote.getBytes(List.of(ids.get(2), ids.get(0)));
      assertEquals(List.of(ids.get(2), ids.get(0)), List.copyOf(got.keySet()));
      assertArrayEquals(new byte[] {2, 3}, got.get(ids.get(2)));
      assertArrayEquals(new byte[] {1}, got.get(ids.get(0)));
      assertArrayEquals(new byte[0], remote.getBytes(ObjectId.EMPTY_BLOB));
    }
  }

  @Test
  void metadataOverRpcAndErrorsTyped() {
    try (RemoteClient remote = Vineyard.connectRemote(host, port);
        VineyardClient local = Vineyard.connect(instance.socket())) {
      ObjectId blob = remote.putBytes(new byte[] {7, 7});
      ObjectMeta made =
          remote.createMetadata(
              ObjectMeta.builder("my::Thing")
                  .nbytes(2)
                  .member("buffer_", ObjectMeta.blob(blob, 2, remote.instanceId()))
                  .build());
      assertEquals(made, local.getMeta(made.id()));
      assertEquals(made.id(), local.migrate(made.id()), "payload here already: its own copy");
      remote.delete(List.of(made.id()));
      assertThrows(VineyardException.ObjectNotExists.class, () -> remote.getMeta(made.id()));
      VineyardException.ObjectNotExists missing =
          assertThrows(
              VineyardException.ObjectNotExists.class, () -> remote.getBytes(ObjectId.of(-5)));
      assertTrue(missing.getMessage().contains("does not have"), missing.getMessage());
    }
  }

  @Test
  void nothingServingIsNamed() throws Exception {
    int free;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    VineyardException.ConnectionFailed e =
        assertThrows(
            VineyardException.ConnectionFailed.class, () -> Vineyard.connectRemote(host, free));
    assertTrue(e.getMessage().contains(host + ":" + free), e.getMessage());
  }
}
