package io.vineyard.plugin.array;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.Blob;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import io.vineyard.protocol.RawJson;
import io.vineyard.testkit.TestInstance;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Arrays through a real client and instance; the plugins are found by ServiceLoader on the class
 * path.
 */
class ArrayEndToEndTest {
  static final double[] EIGHT = {0.5, 1, 2, 3, 5, 8, 13, 21};
  TestInstance instance;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(64L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  static Set<String> fields(ObjectNode tree) {
    Set<String> out = new TreeSet<>();
    tree.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void putDoublesGetAZeroCopyViewFromAnotherClient() {
    try (VineyardClient writer = Vineyard.connect(instance.socket());
        VineyardClient reader = Vineyard.connect(instance.socket())) {
      ObjectId id = writer.put(EIGHT);
      assertFalse(id.isBlob());
      ArrayObject array = writer.getObject(id, ArrayObject.class);
      assertEquals("vineyard::Array<double>", array.typename());
      assertEquals(8, array.size());
      assertEquals(ElementType.DOUBLE, array.valueType());
      assertEquals(64, array.nbytes());
      assertEquals("Object <\"" + id + "\": vineyard::Array<double>>", array.toString());

      DoubleBuffer view = assertInstanceOf(DoubleBuffer.class, reader.get(id));
      assertTrue(view.isReadOnly());
      assertTrue(view.isDirect());
      assertEquals(8, view.remaining());
      double[] seen = new double[8];
      view.get(seen);
      assertArrayEquals(EIGHT, seen);
      assertArrayEquals(EIGHT, reader.get(id, double[].class));
      assertArrayEquals(EIGHT, reader.getObject(id, ArrayObject.class).toArray(double[].class));
      assertEquals(array.blob().id(), reader.getObject(id, ArrayObject.class).blob().id());
    }
  }

  @Test
  void theStoredTreeHasExactlyTheDesignFields() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId id = client.put(EIGHT);
      ObjectNode tree = RawJson.tree(client.getMeta(id));
      assertEquals(
          Set.of(
              "typename",
              "id",
              "instance_id",
              "nbytes",
              "transient",
              "signature",
              "size_",
              "buffer_"),
          fields(tree));
      assertEquals("vineyard::Array<double>", tree.get("typename").asText());
      assertEquals(id.toString(), tree.get("id").asText());
      assertTrue(tree.get("size_").isIntegralNumber());
      assertEquals(8, tree.get("size_").asLong());
      assertEquals(64, tree.get("nbytes").asLong());
      assertTrue(tree.get("transient").asBoolean());
      ObjectNode buffer = (ObjectNode) tree.get("buffer_");
      assertEquals("vineyard::Blob", buffer.get("typename").asText());
      assertEquals(64, buffer.get("length").asLong());
      assertTrue(
          fields(buffer)
              .containsAll(
                  Set.of("typename", "id", "instance_id", "length", "nbytes", "transient")),
          fields(buffer).toString());
    }
  }

  @Test
  void everyElementTypeRoundTrips() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      assertRoundTrip(
          client, ArrayValue.ofBytes(new byte[] {-1, 2}), "int8", byte[].class, new byte[] {-1, 2});
      assertRoundTrip(
          client,
          ArrayValue.unsigned(new byte[] {-1, 2}),
          "uint8",
          byte[].class,
          new byte[] {-1, 2});
      assertRoundTrip(
          client,
          new boolean[] {true, false},
          "bool",
          boolean[].class,
          new boolean[] {true, false});
      assertRoundTrip(client, new short[] {-3, 4}, "int16", short[].class, new short[] {-3, 4});
      assertRoundTrip(client, new int[] {-5, 6}, "int", int[].class, new int[] {-5, 6});
      assertRoundTrip(
          client, ArrayValue.unsigned(new int[] {-1, 6}), "uint32", int[].class, new int[] {-1, 6});
      assertRoundTrip(client, new long[] {-7, 8}, "int64", long[].class, new long[] {-7, 8});
      assertRoundTrip(
          client,
          ArrayValue.unsigned(new long[] {-1, 8}),
          "uint64",
          long[].class,
          new long[] {-1, 8});
      assertRoundTrip(
          client, new float[] {-9.5f, 10}, "float", float[].class, new float[] {-9.5f, 10});
      assertRoundTrip(
          client, new double[] {-11.25, 12}, "double", double[].class, new double[] {-11.25, 12});
      assertRoundTrip(client, new double[0], "double", double[].class, new double[0]);
    }
  }

  static <A> void assertRoundTrip(
      VineyardClient client, Object value, String cpp, Class<A> as, A expected) {
    ObjectId id = client.put(value);
    assertEquals("vineyard::Array<" + cpp + ">", client.getMeta(id).typename());
    A got = client.get(id, as);
    assertTrue(java.util.Objects.deepEquals(expected, got), cpp);
  }

  @Test
  void byteArraysStayBlobs() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId id = client.put(new byte[] {1, 2, 3});
      assertTrue(id.isBlob());
      assertInstanceOf(Blob.class, client.getObject(id));
    }
  }

  /** The seed's {@code (None, [1, 1, 1, 1])}: metadata known here, payload on another instance. */
  @Test
  void anArrayWhoseBlobIsOnAnotherInstanceResolvesToNull() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      long elsewhere = client.instanceId() + 7;
      ObjectMeta remoteBlob =
          ObjectMeta.builder("vineyard::Blob")
              .put("id", "o8000000000000abc")
              .put("length", 32L)
              .nbytes(32)
              .put("instance_id", elsewhere)
              .build();
      ObjectMeta created =
          client.createMetadata(
              ObjectMeta.builder("vineyard::Array<double>")
                  .put("size_", 4L)
                  .nbytes(32)
                  .member("buffer_", remoteBlob)
                  .build());
      assertNull(client.get(created.id()));
      assertNull(client.get(created.id(), double[].class));
      ArrayObject o = client.getObject(created.id(), ArrayObject.class);
      assertEquals(4, o.size());
      assertFalse(o.isLocal());
      assertThrows(VineyardException.ObjectNotExists.class, o::segment);
    }
  }

  @Test
  void badTreesAreRefusedBeforeTheyReachTheServer() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId blob = client.put(new byte[12]);
      ObjectMeta bad =
          ObjectMeta.builder("vineyard::Array<double>")
              .put("size_", 2L)
              .nbytes(16)
              .member("buffer_", client.getMeta(blob))
              .build();
      VineyardException.Invalid e =
          assertThrows(VineyardException.Invalid.class, () -> client.createMetadata(bad));
      assertTrue(
          e.getMessage().contains("'size_'") && e.getMessage().contains("12"), e.getMessage());
    }
  }

  @Test
  void viewsDieWithTheirClient() {
    IntBuffer view;
    ArrayObject array;
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId id = client.put(new int[] {1, 2, 3});
      view = (IntBuffer) client.get(id);
      array = client.getObject(id, ArrayObject.class);
      assertEquals(2, view.get(1));
    }
    assertThrows(IllegalStateException.class, () -> view.get(1));
    assertThrows(IllegalStateException.class, array::segment);
  }
}
