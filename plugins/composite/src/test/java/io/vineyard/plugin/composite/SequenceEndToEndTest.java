package io.vineyard.plugin.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import io.vineyard.testkit.TestInstance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** vineyard::Sequence against a real instance, with blobs and pairs as elements. */
class SequenceEndToEndTest {
  static final byte[] A = "one".getBytes(StandardCharsets.US_ASCII);
  static final byte[] B = "three".getBytes(StandardCharsets.US_ASCII);
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

  static ByteBuffer bytes(byte[] b) {
    return ByteBuffer.wrap(b);
  }

  @Test
  void listOfBlobs() {
    ObjectId id = client.put(List.of(A, B, A));
    ObjectMeta meta = client.getMeta(id);
    assertEquals(
        Set.of(
            "typename",
            "id",
            "instance_id",
            "nbytes",
            "transient",
            "signature",
            "size_",
            "__elements_-size",
            "__elements_-0",
            "__elements_-1",
            "__elements_-2"),
        PairEndToEndTest.fields(meta));
    assertEquals("vineyard::Sequence", meta.typename());
    assertEquals(3, meta.number("size_").orElseThrow());
    assertEquals(11, meta.nbytes());

    SequenceObject seq = client.getObject(id, SequenceObject.class);
    assertEquals(3, seq.size());
    assertEquals("vineyard::Blob", seq.get(1).typename());
    assertEquals(meta.member("__elements_-2").orElseThrow().id(), seq.elements().get(2).id());

    List<?> value = assertInstanceOf(List.class, client.get(id));
    assertEquals(List.of(bytes(A), bytes(B), bytes(A)), value);
    assertTrue(((ByteBuffer) value.get(0)).isReadOnly());
    assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) value).set(0, null));
  }

  @Test
  void listOfPairsAndListOfListsRoundTrip() {
    ObjectId pairs = client.put(List.of(Pair.of(A, B), Pair.of(B, A)));
    assertEquals(
        List.of(Pair.of(bytes(A), bytes(B)), Pair.of(bytes(B), bytes(A))), client.get(pairs));
    assertInstanceOf(PairObject.class, client.getObject(pairs, SequenceObject.class).get(1));

    ObjectId lists = client.put(List.of(List.of(A), List.of(), List.of(B, List.of(A))));
    assertEquals(
        List.of(List.of(bytes(A)), List.of(), List.of(bytes(B), List.of(bytes(A)))),
        client.get(lists));
    try (VineyardClient other = Vineyard.connect(instance.socket())) {
      assertEquals(client.get(lists), other.get(lists));
      assertEquals(0, other.getObject(lists, SequenceObject.class).get(1).nbytes());
    }
  }

  @Test
  void elementsAlreadyInTheStoreAreReused() {
    ObjectId a = client.put(A);
    ObjectId pair = client.put(Pair.of(A, B));
    ObjectId id = client.put(List.of(a, client.getObject(pair)));
    ObjectMeta meta = client.getMeta(id);
    assertEquals(a, meta.member("__elements_-0").orElseThrow().id());
    assertEquals(pair, meta.member("__elements_-1").orElseThrow().id());
    assertEquals(List.of(bytes(A), Pair.of(bytes(A), bytes(B))), client.get(id));
  }

  @Test
  void badInputIsRejected() {
    VineyardException.TypeError e =
        assertThrows(
            VineyardException.TypeError.class, () -> client.put(List.of(new Thread(() -> {}))));
    assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    VineyardException.TypeError set =
        assertThrows(VineyardException.TypeError.class, () -> client.put(Set.of(A)));
    assertTrue(set.getMessage().contains("Set"), set.getMessage());
    VineyardException.Invalid invalid =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                client.createMetadata(
                    ObjectMeta.builder("vineyard::Sequence").put("size_", 2L).build()));
    assertTrue(invalid.getMessage().contains("'__elements_-0'"), invalid.getMessage());
  }
}
