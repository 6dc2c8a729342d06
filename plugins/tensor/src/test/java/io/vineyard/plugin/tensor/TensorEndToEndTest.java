package io.vineyard.plugin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.protocol.RawJson;
import io.vineyard.testkit.TestInstance;
import java.lang.foreign.MemorySegment;
import java.nio.DoubleBuffer;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tensors through a real client and instance, and the JSON other Vineyard clients read. */
class TensorEndToEndTest {
  static final double[] ROW_MAJOR = {1, 2, 3, 4, 5, 6, 7, 8}; // [[1, 2, 3, 4], [5, 6, 7, 8]]
  static final double[] COLUMN_MAJOR = {
    1, 5, 2, 6, 3, 7, 4, 8
  }; // the same matrix, column by column
  TestInstance instance;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(64L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  @Test
  void twoByFourInCOrderRoundTripsAcrossClients() {
    Tensor put = Tensor.of(ROW_MAJOR, 2, 4);
    try (VineyardClient writer = Vineyard.connect(instance.socket());
        VineyardClient reader = Vineyard.connect(instance.socket())) {
      ObjectId id = writer.put(put);
      Tensor got = assertInstanceOf(Tensor.class, reader.get(id));
      assertEquals(put, got);
      MemorySegment shared = assertInstanceOf(MemorySegment.class, got.data());
      assertTrue(shared.isReadOnly());
      assertTrue(shared.isNative(), "a view of the shared mapping, not a copy");
      DoubleBuffer view = (DoubleBuffer) got.buffer();
      assertTrue(view.isReadOnly() && view.isDirect());
      assertEquals(6, view.get(5));
      assertArrayEquals(ROW_MAJOR, reader.get(id, double[].class));

      TensorObject o = reader.getObject(id, TensorObject.class);
      assertEquals("vineyard::Tensor<double>", o.typename());
      assertArrayEquals(new long[] {2, 4}, o.shape());
      assertEquals(Tensor.Order.C, o.order());
      assertEquals(ElementType.DOUBLE, o.valueType());
      assertEquals(8, o.size());
      assertEquals(64, o.nbytes());
      assertEquals(8, o.asDoubleBuffer().get(7));
    }
  }

  @Test
  void fortranOrderRoundTripsInMemoryOrder() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId id = client.put(Tensor.of(COLUMN_MAJOR, 2, 4).withOrder(Tensor.Order.F));
      Tensor got = (Tensor) client.get(id);
      assertEquals(Tensor.Order.F, got.order());
      assertArrayEquals(new long[] {2, 4}, got.shape());
      assertArrayEquals(COLUMN_MAJOR, client.get(id, double[].class));
      assertEquals("\"F\"", RawJson.tree(client.getMeta(id)).get("order_").asText());
      assertEquals(Tensor.Order.F, client.getObject(id, TensorObject.class).order());
    }
  }

  @Test
  void theRawJsonIsWhatNumpyClientsRead() throws Exception {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId id = client.put(Tensor.of(ROW_MAJOR, 2, 4));
      ObjectNode tree = RawJson.tree(client.getMeta(id));
      Set<String> fields = new TreeSet<>();
      tree.fieldNames().forEachRemaining(fields::add);
      assertEquals(
          Set.of(
              "typename",
              "id",
              "instance_id",
              "nbytes",
              "transient",
              "signature",
              "value_type_",
              "value_type_meta_",
              "shape_",
              "order_",
              "partition_index_",
              "buffer_"),
          fields);
      assertEquals("vineyard::Tensor<double>", tree.get("typename").asText());
      assertEquals("float64", tree.get("value_type_").asText());
      assertEquals("<f8", tree.get("value_type_meta_").asText());
      assertTrue(tree.get("shape_").isTextual());
      assertEquals("[2, 4]", tree.get("shape_").asText());
      assertEquals("\"C\"", tree.get("order_").asText());
      assertEquals("[]", tree.get("partition_index_").asText());
      assertEquals(64, tree.get("nbytes").asLong());
      assertEquals(64, tree.get("buffer_").get("length").asLong());
      // what Python's json.loads makes of them
      ObjectMapper json = new ObjectMapper();
      assertEquals(json.readTree("[2,4]"), json.readTree(tree.get("shape_").asText()));
      assertEquals("C", json.readTree(tree.get("order_").asText()).asText());
    }
  }

  @Test
  void zeroDimensionalAndEmptyTensors() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId scalar = client.put(Tensor.of(new long[] {-42}));
      assertEquals("[]", RawJson.tree(client.getMeta(scalar)).get("shape_").asText());
      Tensor s = (Tensor) client.get(scalar);
      assertEquals(0, s.shape().length);
      assertArrayEquals(new long[] {-42}, client.get(scalar, long[].class));

      ObjectId empty = client.put(Tensor.of(ElementType.UINT8, new byte[0], 3, 0));
      assertEquals("vineyard::Tensor<uint8>", client.getMeta(empty).typename());
      Tensor e = (Tensor) client.get(empty);
      assertArrayEquals(new long[] {3, 0}, e.shape());
      assertEquals(0, e.size());
      assertEquals(Tensor.of(ElementType.UINT8, new byte[0], 3, 0), e);
    }
  }

  @Test
  void aTensorWhoseBlobIsOnAnotherInstanceResolvesToNull() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectMeta remoteBlob =
          ObjectMeta.builder("vineyard::Blob")
              .put("id", "o8000000000000abc")
              .put("length", 32L)
              .nbytes(32)
              .put("instance_id", client.instanceId() + 7)
              .build();
      ObjectMeta created =
          client.createMetadata(
              ObjectMeta.builder("vineyard::Tensor<float>")
                  .put("value_type_", "float32")
                  .put("shape_", "[4, 2]")
                  .put("order_", "\"C\"")
                  .nbytes(32)
                  .member("buffer_", remoteBlob)
                  .build());
      assertNull(client.get(created.id()));
      TensorObject o = client.getObject(created.id(), TensorObject.class);
      assertFalse(o.isLocal());
      assertArrayEquals(new long[] {4, 2}, o.shape());
    }
  }

  @Test
  void viewsDieWithTheirClient() {
    Tensor got;
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      got = (Tensor) client.get(client.put(Tensor.of(ROW_MAJOR, 8)));
      assertEquals(8, got.toArray(double[].class)[7]);
    }
    assertThrows(IllegalStateException.class, () -> got.toArray(double[].class));
  }
}
