package io.vineyard.plugin.arrow;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.testkit.TestInstance;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/**
 * A table stored as vineyard's Python client stores a pyarrow table, call for call: every blob and
 * field below is what {@code python/vineyard/data/arrow.py} (v6d, commit 98cc398f) writes, cited by
 * its function and line. The columns are a slice (offset 2) of an int64 array with a null, large
 * strings, booleans with a null, nulls, and a large list of doubles.
 *
 * <p>The schema message's bytes are Arrow Java's IPC writer's (pyarrow's {@code schema.serialize()}
 * writes the same encapsulated message; its flatbuffer layout may differ byte for byte, which any
 * IPC reader accepts).
 */
class PythonLayoutTest {

  /** buffer_builder (lines 26-31): None becomes the empty blob, else a blob of a copy. */
  static ObjectMeta buffer(VineyardClient c, byte[] bytes) {
    if (bytes == null) {
      return c.getMeta(c.put(new byte[0])); // client.create_empty_blob()
    }
    try (BlobWriter w = c.createBlob(bytes.length)) {
      MemorySegment.copy(MemorySegment.ofArray(bytes), 0, w.segment(), 0, bytes.length);
      w.seal();
      return c.getMeta(w.id());
    }
  }

  static byte[] longs(long... values) {
    MemorySegment s = MemorySegment.ofArray(new byte[values.length * 8]);
    for (int i = 0; i < values.length; i++) {
      s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, values[i]);
    }
    return s.toArray(ValueLayout.JAVA_BYTE);
  }

  static byte[] doubles(double... values) {
    MemorySegment s = MemorySegment.ofArray(new byte[values.length * 8]);
    for (int i = 0; i < values.length; i++) {
      s.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, values[i]);
    }
    return s.toArray(ValueLayout.JAVA_BYTE);
  }

  static Schema schema() {
    Field item =
        new Field(
            "item",
            FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            null);
    return new Schema(
        List.of(
            Field.nullable("a", new ArrowType.Int(64, true)),
            Field.nullable("b", ArrowType.LargeUtf8.INSTANCE),
            Field.nullable("c", ArrowType.Bool.INSTANCE),
            Field.nullable("d", ArrowType.Null.INSTANCE),
            new Field("e", FieldType.nullable(ArrowType.LargeList.INSTANCE), List.of(item))));
  }

  static byte[] serialized(Schema schema) throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    MessageSerializer.serialize(
        new WriteChannel(java.nio.channels.Channels.newChannel(out)), schema);
    return out.toByteArray();
  }

  static ObjectMeta create(VineyardClient c, ObjectMeta.Builder meta) {
    return c.createMetadata(meta.build()); // client.create_metadata(meta)
  }

  /** The tree pa.Table.from_batches([batch]) becomes through vineyard.put. */
  static ObjectId putAsPython(VineyardClient c) throws Exception {
    // numeric_array_builder (lines 41-54) of pa.array([0, 1, 2, None, 4, 5])[2:]
    ObjectMeta a =
        create(
            c,
            ObjectMeta.builder("vineyard::NumericArray<int64>") // line 43: % array.type
                .put("length_", 4L) // line 44
                .put("null_count_", 1L) // line 45
                .put("offset_", 2L) // line 46
                .member("buffer_", buffer(c, longs(0, 1, 2, 0, 4, 5))) // lines 49, 51
                .member("null_bitmap_", buffer(c, new byte[] {0b110111})) // lines 48, 52
                .put("nbytes", 33L)); // line 53
    // string_array_builder (lines 74-97) of pa.array(["x", "yy", "", "zzz"]): int32 offsets
    // cast to 64 bits (lines 82-87), no nulls so buffers()[0] is None (line 81)
    ObjectMeta b =
        create(
            c,
            ObjectMeta.builder("vineyard::LargeStringArray") // line 76
                .put("length_", 4L) // line 77
                .put("null_count_", 0L) // line 78
                .put("offset_", 0L) // line 79
                .member("buffer_offsets_", buffer(c, longs(0, 1, 3, 3, 6))) // lines 90, 93
                .member("buffer_data_", buffer(c, "xyyzzz".getBytes(UTF_8))) // lines 91, 94
                .member("null_bitmap_", buffer(c, null)) // lines 81, 95
                .put("nbytes", 22L)); // line 96
    // boolean_array_builder (lines 131-144) of pa.array([True, False, None, False])
    ObjectMeta cc =
        create(
            c,
            ObjectMeta.builder("vineyard::BooleanArray") // line 133
                .put("length_", 4L) // line 134
                .put("null_count_", 1L) // line 135
                .put("offset_", 0L) // line 136
                .member("buffer_", buffer(c, new byte[] {0b0001})) // lines 139, 141
                .member("null_bitmap_", buffer(c, new byte[] {0b1011})) // lines 138, 142
                .put("nbytes", 2L)); // line 143
    // null_array_builder (lines 123-128) of pa.nulls(4)
    ObjectMeta d =
        create(
            c,
            ObjectMeta.builder("vineyard::NullArray") // line 125
                .put("length_", 4L) // line 126
                .put("nbytes", 0L)); // line 127
    // list_array_builder (lines 100-120) of pa.array([[1.5], [], [2.5, 3.5], None]): its values
    // through builder.run (line 118), here numeric_array_builder of the three doubles
    ObjectMeta values =
        create(
            c,
            ObjectMeta.builder("vineyard::NumericArray<double>")
                .put("length_", 3L)
                .put("null_count_", 0L)
                .put("offset_", 0L)
                .member("buffer_", buffer(c, doubles(1.5, 2.5, 3.5)))
                .member("null_bitmap_", buffer(c, null))
                .put("nbytes", 24L));
    ObjectMeta e =
        create(
            c,
            ObjectMeta.builder("vineyard::LargeListArray") // line 102
                .put("length_", 4L) // line 103
                .put("null_count_", 1L) // line 104
                .put("offset_", 0L) // line 105
                .member("null_bitmap_", buffer(c, new byte[] {0b0111})) // line 116
                .member("buffer_offsets_", buffer(c, longs(0, 1, 1, 3, 3))) // line 117
                .member("values_", values) // line 118
                .put("nbytes", 65L)); // line 119
    // schema_proxy_builder (lines 147-153): the serialized schema as the member blob buffer_
    byte[] message = serialized(schema());
    ObjectMeta schema =
        create(
            c,
            ObjectMeta.builder("vineyard::SchemaProxy") // line 149
                .member("buffer_", buffer(c, message)) // lines 150-151
                .put("nbytes", (long) message.length)); // line 152
    // record_batch_builder (lines 156-167)
    ObjectMeta batch =
        create(
            c,
            ObjectMeta.builder("vineyard::RecordBatch") // line 158
                .put("row_num_", 4L) // line 159
                .put("column_num_", 5L) // line 160
                .put("__columns_-size", 5L) // line 161
                .member("schema_", schema) // line 163
                .member("__columns_-0", a) // line 165
                .member("__columns_-1", b)
                .member("__columns_-2", cc)
                .member("__columns_-3", d)
                .member("__columns_-4", e)
                .put("nbytes", 122L)); // line 166
    // table_builder (lines 170-183); the batch above is built again for the table in Python
    // (line 181 calls record_batch_builder anew); one batch object serves both here
    return create(
            c,
            ObjectMeta.builder("vineyard::Table") // line 172
                .put("num_rows_", 4L) // line 173
                .put("num_columns_", 5L) // line 174
                .put("batch_num_", 1L) // line 176
                .put("__batches_-size", 1L) // line 177
                .member("schema_", schema) // line 179
                .member("__batches_-0", batch) // line 181
                .put("nbytes", 122L)) // line 182
        .id();
  }

  @Test
  void aTablePutByVineyardsPythonClientResolvesToTheRightRoot() throws Exception {
    try (TestInstance instance = new TestInstance(64L << 20);
        VineyardClient writer = Vineyard.connect(instance.socket());
        VineyardClient reader = Vineyard.connect(instance.socket())) {
      ObjectId id = putAsPython(writer);
      try (ArrowTable table = assertInstanceOf(ArrowTable.class, reader.get(id))) {
        assertEquals(schema(), table.schema());
        assertEquals(1, table.batches().size());
        VectorSchemaRoot root = table.batches().get(0);
        assertEquals(4, root.getRowCount());
        assertEquals(Arrays.asList(2L, null, 4L, 5L), values(root.getVector("a")));
        assertEquals(
            List.of("x", "yy", "", "zzz"),
            values(root.getVector("b")).stream().map(String::valueOf).toList());
        assertEquals(Arrays.asList(true, false, null, false), values(root.getVector("c")));
        assertEquals(Arrays.asList(null, null, null, null), values(root.getVector("d")));
        assertEquals(
            Arrays.asList(List.of(1.5), List.of(), List.of(2.5, 3.5), null),
            values(root.getVector("e")));
        assertEquals(1, root.getVector("a").getNullCount());
      }
      // the batch and a column alone, too
      ObjectId batch = reader.getMeta(id).member("__batches_-0").orElseThrow().id();
      try (VectorSchemaRoot root = (VectorSchemaRoot) reader.get(batch)) {
        assertEquals(4, root.getRowCount());
      }
      ObjectId strings = reader.getMeta(batch).member("__columns_-1").orElseThrow().id();
      try (FieldVector v = (FieldVector) reader.get(strings)) {
        assertArrayEquals(
            "zzz".getBytes(UTF_8), ((org.apache.arrow.vector.LargeVarCharVector) v).get(3));
      }
      assertNull(reader.getMeta(id).member("partitions_-0").orElse(null));
    }
  }

  static List<Object> values(FieldVector v) {
    Object[] out = new Object[v.getValueCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.getObject(i);
    }
    return Arrays.asList(out);
  }
}
