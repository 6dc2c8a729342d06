package io.vineyard.plugin.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.client.Vineyard;
import io.vineyard.testkit.TestInstance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * vineyard::Pair against a real instance, with blobs as members (plugins found by ServiceLoader).
 */
class PairEndToEndTest {
  static final byte[] A = "Hello".getBytes(StandardCharsets.US_ASCII);
  static final byte[] B = "World!".getBytes(StandardCharsets.US_ASCII);
  TestInstance instance;
  VineyardClient client;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(16L << 20);
    client = Vineyard.connect(instance.socket());
  }

  @AfterEach
  void stop() throws Exception {
    try {
      client.close();
    } finally {
      instance.close();
    }
  }

  static Set<String> fields(ObjectMeta m) {
    return Set.copyOf(m.entries().keySet());
  }

  static ByteBuffer bytes(byte[] b) {
    return ByteBuffer.wrap(b);
  }

  @Test
  void pairOfBlobs() {
    ObjectId id = client.put(Pair.of(A, B));
    assertFalse(id.isBlob());
    PairObject pair = client.getObject(id, PairObject.class);
    assertEquals("vineyard::Blob", pair.first().typename());
    assertEquals(5, assertInstanceOf(Blob.class, pair.first()).size());
    assertEquals(6, assertInstanceOf(Blob.class, pair.second()).size());
    assertEquals("Object <\"" + id + "\": vineyard::Pair>", pair.toString());

    Pair<?, ?> value = assertInstanceOf(Pair.class, client.get(id));
    ByteBuffer first = assertInstanceOf(ByteBuffer.class, value.first());
    assertTrue(first.isReadOnly());
    assertEquals(bytes(A), first);
    assertEquals(bytes(B), value.second());
  }

  @Test
  void metadataTreeHasVineyardsFields() {
    ObjectId id = client.put(Pair.of(A, B));
    ObjectMeta meta = client.getMeta(id);
    assertEquals(
        Set.of(
            "typename",
            "id",
            "instance_id",
            "nbytes",
            "transient",
            "signature",
            "first_",
            "second_"),
        fields(meta));
    assertEquals("vineyard::Pair", meta.typename());
    assertEquals(id, meta.id());
    assertEquals(11, meta.nbytes());
    assertTrue(meta.isTransient());
    assertEquals(client.instanceId(), meta.instanceId());
    ObjectMeta first = meta.member("first_").orElseThrow();
    assertEquals("vineyard::Blob", first.typename());
    assertEquals(5, first.number("length").orElseThrow());
  }

  @Test
  void existingObjectsAreReusedNotCopied() {
    ObjectId a = client.put(A);
    Blob b = client.getObject(client.put(B), Blob.class);
    long used = client.status().memoryUsage();
    ObjectId id = client.put(Pair.of(a, b));
    assertEquals(used, client.status().memoryUsage(), "no new blob");
    ObjectMeta meta = client.getMeta(id);
    assertEquals(a, meta.member("first_").orElseThrow().id());
    assertEquals(b.id(), meta.member("second_").orElseThrow().id());
    assertEquals(Pair.of(bytes(A), bytes(B)), client.get(id));
  }

  @Test
  void pairsOfPairsRoundTrip() {
    ObjectId id = client.put(Pair.of(Pair.of(A, B), Pair.of(B, new byte[0])));
    assertEquals(
        Pair.of(Pair.of(bytes(A), bytes(B)), Pair.of(bytes(B), bytes(new byte[0]))),
        client.get(id));
    PairObject outer = client.getObject(id, PairObject.class);
    PairObject inner = assertInstanceOf(PairObject.class, outer.second());
    assertEquals(ObjectId.EMPTY_BLOB, inner.second().id());
    assertEquals(17, outer.nbytes());
  }

  @Test
  void aSecondClientSeesTheSame() {
    ObjectId id = client.put(Pair.of(A, Pair.of(B, A)));
    try (VineyardClient other = Vineyard.connect(instance.socket())) {
      assertEquals(client.getMeta(id), other.getMeta(id));
      assertEquals(Pair.of(bytes(A), Pair.of(bytes(B), bytes(A))), other.get(id));
      PairObject pair = other.getObject(id, PairObject.class);
      assertEquals("vineyard::Pair", pair.second().typename());
    }
  }

  /**
   * The seed's (None, [1, 1, 1, 1]): a member whose payload lives on another instance resolves to
   * null.
   */
  @Test
  void aMemberOnAnotherInstanceResolvesToNull() {
    ObjectMeta far =
        ObjectMeta.builder("vineyard::Blob")
            .put("id", "o80000000000abcde")
            .put("length", 8L)
            .nbytes(8)
            .put("instance_id", 7L)
            .build();
    ObjectId id = client.put(Pair.of((VineyardObject) () -> far, B));
    PairObject pair = client.getObject(id, PairObject.class);
    Blob first = assertInstanceOf(Blob.class, pair.first());
    assertFalse(first.isLocal());
    assertEquals(8, first.size());
    Pair<?, ?> value = assertInstanceOf(Pair.class, client.get(id));
    assertNull(value.first());
    assertEquals(bytes(B), value.second());
    assertTrue(value.toString().startsWith("(null, "), value.toString());
  }

  @Test
  void badInputIsRejectedWithTheClientsErrors() {
    VineyardException.TypeError e =
        assertThrows(
            VineyardException.TypeError.class, () -> client.put(Pair.of(new Thread(() -> {}), A)));
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    assertThrows(VineyardException.TypeError.class, () -> client.put(Pair.of(null, A)));
    ObjectMeta blob = client.getMeta(client.put(A));
    VineyardException.Invalid invalid =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                client.createMetadata(
                    ObjectMeta.builder("vineyard::Pair").member("first_", blob).build()));
    assertTrue(invalid.getMessage().contains("'second_'"), invalid.getMessage());
    assertThrows(
        VineyardException.ObjectNotExists.class, () -> client.put(Pair.of(ObjectId.of(12345), A)));
  }
}
