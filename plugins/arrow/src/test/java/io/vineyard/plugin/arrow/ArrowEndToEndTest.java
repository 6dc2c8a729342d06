package io.vineyard.plugin.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import io.vineyard.testkit.TestInstance;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Arrow values through a real instance and two clients; plugins found by ServiceLoader. */
class ArrowEndToEndTest {
  TestInstance instance;
  BufferAllocator heap;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(256L << 20);
    heap = new RootAllocator();
  }

  @AfterEach
  void stop() throws Exception {
    heap.close();
    instance.close();
  }

  static void assertSameContent(VectorSchemaRoot expected, VectorSchemaRoot actual) {
    assertEquals(expected.getSchema(), actual.getSchema());
    assertEquals(expected.getRowCount(), actual.getRowCount());
    for (FieldVector e : expected.getFieldVectors()) {
      FieldVector a = actual.getVector(e.getName());
      for (int i = 0; i < expected.getRowCount(); i++) {
        assertTrue(
            java.util.Objects.deepEquals(e.getObject(i), a.getObject(i)),
            e.getName() + "[" + i + "]: " + e.getObject(i) + " != " + a.getObject(i));
      }
    }
    assertTrue(expected.equals(actual), "vectors differ");
  }

  @Test
  void everyVectorTypeRoundTripsWithNullsBetweenTwoClients() {
    try (VineyardClient writer = Vineyard.connect(instance.socket());
        VineyardClient reader = Vineyard.connect(instance.socket());
        VectorSchemaRoot root = Columns.everyType(heap, 50)) {
      ObjectId id = writer.put(root);
      ArrowObject view = reader.getObject(id, ArrowObject.class);
      assertEquals("vineyard::RecordBatch", view.typename());
      assertEquals(50, view.length());
      try (VectorSchemaRoot back = assertInstanceOf(VectorSchemaRoot.class, reader.get(id))) {
        assertSameContent(root, back);
        assertEquals(17, back.getVector("i64").getNullCount());
      }
    }
  }

  @Test
  void eachVectorAloneRoundTripsAsItsArrayType() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        VectorSchemaRoot root = Columns.everyType(heap, 20)) {
      for (FieldVector v : root.getFieldVectors()) {
        ObjectId id = client.put(v);
        try (FieldVector back = assertInstanceOf(FieldVector.class, client.get(id))) {
          assertEquals(v.getValueCount(), back.getValueCount(), v.getName());
          if (v.getName().equals("day")) {
            // alone, a date column is its integers: only a batch's schema keeps the logical type
            assertEquals(
                new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true),
                back.getField().getType());
            continue;
          }
          assertEquals(v.getField().getType(), back.getField().getType(), v.getName());
          for (int i = 0; i < v.getValueCount(); i++) {
            assertTrue(
                java.util.Objects.deepEquals(v.getObject(i), back.getObject(i)),
                v.getName() + "[" + i + "]");
          }
        }
      }
    }
  }

  @Test
  void slicesRoundTrip() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        VectorSchemaRoot root = Columns.everyType(heap, 40)) {
      for (int[] s : new int[][] {{0, 7}, {3, 20}, {8, 16}, {13, 27}, {39, 1}, {5, 0}}) {
        try (VectorSchemaRoot slice = root.slice(s[0], s[1])) {
          ObjectId id = client.put(slice);
          try (VectorSchemaRoot back = (VectorSchemaRoot) client.get(id)) {
            assertSameContent(slice, back);
          }
        }
      }
    }
  }

  @Test
  void getIsZeroCopyAndTheTreeIsVineyards() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        VectorSchemaRoot root = Columns.everyType(heap, 10)) {
      ObjectId id = client.put(root);
      ObjectMeta tree = client.getMeta(id);
      assertEquals(20L, tree.number("column_num_").orElseThrow());
      assertEquals(20L, tree.number("__columns_-size").orElseThrow());
      assertEquals(10L, tree.number("row_num_").orElseThrow());
      ObjectMeta schema = tree.member("schema_").orElseThrow();
      assertEquals("vineyard::SchemaProxy", schema.typename());
      assertTrue(schema.string("schema_binary_").orElseThrow().startsWith("{\"bytes\":[255,255,"));
      ObjectMeta i64 = tree.member("__columns_-3").orElseThrow();
      assertEquals("vineyard::NumericArray<int64>", i64.typename());
      assertEquals(
          "vineyard::NumericArray<int>", tree.member("__columns_-2").orElseThrow().typename());
      assertEquals(
          "vineyard::BaseBinaryArray<arrow::StringArray>",
          tree.member("__columns_-12").orElseThrow().typename());
      assertEquals(
          "vineyard::BaseListArray<arrow::LargeListArray>",
          tree.member("__columns_-19").orElseThrow().typename());
      for (String f : List.of("length_", "null_count_", "offset_", "buffer_", "null_bitmap_")) {
        assertTrue(i64.has(f), f);
      }
      ObjectId data = i64.member("buffer_").orElseThrow().id();
      try (VectorSchemaRoot back = (VectorSchemaRoot) client.get(id)) {
        Blob blob = client.getObject(data, Blob.class);
        assertEquals(
            blob.segment().address(), back.getVector("i64").getDataBuffer().memoryAddress());
      }
    }
  }

  @Test
  void putOfARootBuiltWithTheStoreAllocatorCopiesNothing() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        BufferAllocator store = StoreAllocator.create(client);
        BigIntVector ints = new BigIntVector("ints", store);
        Float8Vector doubles = new Float8Vector("doubles", store);
        VarCharVector text = new VarCharVector("text", store)) {
      assertTrue(StoreAllocator.isStoreBacked(store));
      int rows = 10_000;
      ints.allocateNew(rows);
      doubles.allocateNew(rows);
      text.allocateNew(rows * 8L, rows);
      for (int i = 0; i < rows; i++) {
        ints.set(i, i);
        doubles.set(i, i / 2.0);
        text.setSafe(i, ("v" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      VectorSchemaRoot root = VectorSchemaRoot.of(ints, doubles, text);
      root.setRowCount(rows);
      ObjectId id = client.put(root);
      ObjectMeta tree = client.getMeta(id);
      assertSameBlob(client, ints.getDataBuffer().memoryAddress(), tree, "__columns_-0", "buffer_");
      assertSameBlob(
          client, doubles.getDataBuffer().memoryAddress(), tree, "__columns_-1", "buffer_");
      assertSameBlob(
          client, text.getOffsetBuffer().memoryAddress(), tree, "__columns_-2", "buffer_offsets_");
      assertSameBlob(
          client, text.getDataBuffer().memoryAddress(), tree, "__columns_-2", "buffer_data_");
      try (VineyardClient reader = Vineyard.connect(instance.socket());
          VectorSchemaRoot back = (VectorSchemaRoot) reader.get(id)) {
        assertSameContent(root, back);
      }
    }
  }

  private static void assertSameBlob(
      VineyardClient client, long address, ObjectMeta tree, String column, String buffer) {
    ObjectId blob = tree.member(column).orElseThrow().member(buffer).orElseThrow().id();
    assertEquals(address, client.getObject(blob, Blob.class).segment().address(), column);
  }

  @Test
  void tablesRoundTripBatchByBatch() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        VectorSchemaRoot a = Columns.everyType(heap, 12);
        VectorSchemaRoot b = Columns.everyType(heap, 5)) {
      ArrowTable table = ArrowTable.of(a, b);
      ObjectId id = client.put(table);
      ObjectMeta tree = client.getMeta(id);
      assertEquals("vineyard::Table", tree.typename());
      assertEquals(2L, tree.number("partitions_-size").orElseThrow());
      assertEquals(17L, tree.number("num_rows_").orElseThrow());
      assertEquals(17, client.getObject(id, ArrowObject.class).length());
      try (ArrowTable back = assertInstanceOf(ArrowTable.class, client.get(id))) {
        assertEquals(table.schema(), back.schema());
        assertEquals(2, back.batches().size());
        assertSameContent(a, back.batches().get(0));
        assertSameContent(b, back.batches().get(1));
      }
      Schema schema = (Schema) client.get(tree.member("schema_").orElseThrow().id());
      assertEquals(a.getSchema(), schema);
    }
  }

  @Test
  void unsupportedVectorsAndBadTreesFailNamingTheCause() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        StructVector struct = StructVector.empty("s", heap)) {
      VectorSchemaRoot root = VectorSchemaRoot.of(struct);
      VineyardException e = assertThrows(VineyardException.class, () -> client.put(root));
      assertTrue(e.getMessage().contains("field 's'"), e.getMessage());

      ObjectMeta empty = client.getMeta(client.put(new byte[0]));
      VineyardException.Invalid bad =
          assertThrows(
              VineyardException.Invalid.class,
              () ->
                  client.createMetadata(
                      ObjectMeta.builder("vineyard::NumericArray<complex>")
                          .put("length_", 3L)
                          .put("null_count_", 0L)
                          .put("offset_", 0L)
                          .member("buffer_", empty)
                          .member("null_bitmap_", empty)
                          .build()));
      assertTrue(bad.getMessage().contains("NumericArray<T>"), bad.getMessage());

      ObjectId tooLong =
          client
              .createMetadata(
                  ObjectMeta.builder("vineyard::NumericArray<double>")
                      .put("length_", 3L)
                      .put("null_count_", 0L)
                      .put("offset_", 0L)
                      .member("buffer_", client.getMeta(client.put(new byte[16])))
                      .member("null_bitmap_", empty)
                      .build())
              .id();
      VineyardException.Invalid shortBlob =
          assertThrows(VineyardException.Invalid.class, () -> client.get(tooLong));
      assertTrue(shortBlob.getMessage().contains("'buffer_' has 16 bytes"), shortBlob.getMessage());
    }
  }

  @Test
  void aColumnOnAnotherInstanceResolvesToNull() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectMeta remote = ObjectMeta.blob(ObjectId.of(ObjectId.BLOB_BIT | 77), 24, 999);
      ObjectId id =
          client
              .createMetadata(
                  ObjectMeta.builder("vineyard::NumericArray<int64>")
                      .put("length_", 3L)
                      .put("null_count_", 0L)
                      .put("offset_", 0L)
                      .member("buffer_", remote)
                      .member("null_bitmap_", client.getMeta(client.put(new byte[0])))
                      .build())
              .id();
      assertNull(client.get(id));
    }
  }

  @Test
  void storeAllocationsNoPutUsedAreFreedWhenArrowReleasesThem() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      long before = client.status().memoryUsage();
      try (BufferAllocator store = StoreAllocator.create(client);
          BigIntVector v = new BigIntVector("v", store)) {
        v.allocateNew(1 << 16);
        assertTrue(client.status().memoryUsage() >= before + (8 << 16), "a blob backs the vector");
      }
      assertEquals(before, client.status().memoryUsage(), "the unsealed blob was dropped");
      VineyardException.NotEnoughMemory full =
          assertThrows(
              VineyardException.NotEnoughMemory.class,
              () -> {
                try (BufferAllocator store = StoreAllocator.create(client);
                    BigIntVector v = new BigIntVector("v", store)) {
                  v.allocateNew(64 << 20); // 512 MiB, above the instance's 256 MiB
                }
              });
      assertTrue(full.getMessage().contains("raise --size"), full.getMessage());
      assertEquals(before, client.status().memoryUsage());
    }
  }

  @Test
  void aSchemaProxyResolvesInEachFormVineyardWrites() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        VectorSchemaRoot root = Columns.everyType(heap, 1)) {
      ObjectMeta written =
          client.getMeta(client.put(root)).member("schema_").orElseThrow(); // text, as C++ writes
      assertEquals(root.getSchema(), client.get(written.id()));
      String text = written.string("schema_binary_").orElseThrow();
      List<Long> bytes =
          java.util.Arrays.stream(
                  text.substring(text.indexOf('[') + 1, text.indexOf(']')).split(","))
              .map(Long::parseLong)
              .toList();
      java.util.Map<String, Object> object = new java.util.LinkedHashMap<>();
      object.put("bytes", bytes);
      object.put("subtype", null);
      ObjectId asObject =
          client
              .createMetadata(
                  ObjectMeta.builder("vineyard::SchemaProxy")
                      .put("schema_binary_", object)
                      .nbytes(0)
                      .build())
              .id();
      assertEquals(root.getSchema(), client.get(asObject));
      ObjectId broken =
          client
              .createMetadata(
                  ObjectMeta.builder("vineyard::SchemaProxy")
                      .put("schema_binary_", "{\"bytes\":[1,2,300]}")
                      .nbytes(0)
                      .build())
              .id();
      VineyardException.Invalid e =
          assertThrows(VineyardException.Invalid.class, () -> client.get(broken));
      assertTrue(e.getMessage().contains("'schema_binary_' holds 300"), e.getMessage());
    }
  }

  @Test
  void fixedSizeListsRoundTripAndNullListsAreRefused() {
    try (VineyardClient client = Vineyard.connect(instance.socket());
        org.apache.arrow.vector.complex.FixedSizeListVector pairs =
            org.apache.arrow.vector.complex.FixedSizeListVector.empty("pairs", 2, heap)) {
      pairs.addOrGetVector(
          org.apache.arrow.vector.types.pojo.FieldType.nullable(
              new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true)));
      pairs.allocateNew();
      org.apache.arrow.vector.IntVector values =
          (org.apache.arrow.vector.IntVector) pairs.getDataVector();
      for (int i = 0; i < 5; i++) {
        pairs.setNotNull(i);
        values.setSafe(2 * i, i);
        if (i != 3) {
          values.setSafe(2 * i + 1, -i); // one null element, which vineyard keeps
        }
      }
      values.setValueCount(10);
      pairs.setValueCount(5);
      VectorSchemaRoot root = VectorSchemaRoot.of(pairs);
      root.setRowCount(5);
      ObjectId id = client.put(root);
      ObjectMeta column = client.getMeta(id).member("__columns_-0").orElseThrow();
      assertEquals("vineyard::FixedSizeListArray", column.typename());
      assertEquals(2L, column.number("list_size_").orElseThrow());
      try (VectorSchemaRoot back = (VectorSchemaRoot) client.get(id)) {
        assertSameContent(root, back);
      }
      try (FieldVector alone = (FieldVector) client.get(column.id())) {
        assertEquals(java.util.Arrays.asList(3, null), alone.getObject(3));
      }

      pairs.setNull(1);
      VineyardException.NotImplemented e =
          assertThrows(VineyardException.NotImplemented.class, () -> client.put(pairs));
      assertTrue(e.getMessage().contains("field 'pairs'"), e.getMessage());
    }
  }
}
