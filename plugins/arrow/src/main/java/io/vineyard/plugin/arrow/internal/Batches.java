package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.plugin.arrow.ArrowTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code vineyard::RecordBatch} and {@code vineyard::Table}, as arrow.vineyard-mod declares them: a
 * batch has {@code column_num_}, {@code row_num_}, member {@code schema_} and the tuple {@code
 * columns_} (members {@code __columns_-0..n-1}, count in {@code __columns_-size}); a table is a
 * {@code Collection<RecordBatch>} (client/ds/collection.h: members {@code partitions_-0..n-1},
 * count in {@code partitions_-size}) with {@code batch_num_}, {@code num_rows_}, {@code
 * num_columns_} and member {@code schema_}. Tables written by vineyard's Python client keep their
 * batches as {@code __batches_-i} (count {@code __batches_-size}); those are read too.
 */
final class Batches {
  private Batches() {}

  static ObjectMeta putBatch(VectorSchemaRoot root, BufferSink sink) {
    List<FieldVector> columns = root.getFieldVectors();
    ObjectMeta schema = Schemas.put(root.getSchema(), sink);
    ObjectMeta.Builder b =
        ObjectMeta.builder(Typenames.RECORD_BATCH)
            .put("column_num_", (long) columns.size())
            .put("row_num_", (long) root.getRowCount())
            .member("schema_", schema)
            .put("__columns_-size", (long) columns.size());
    long nbytes = 0;
    for (int i = 0; i < columns.size(); i++) {
      FieldVector c = columns.get(i);
      if (c.getValueCount() != root.getRowCount()) {
        throw new io.vineyard.api.VineyardException.Invalid(
            "column "
                + i
                + " ('"
                + c.getField().getName()
                + "') has "
                + c.getValueCount()
                + " values, the batch "
                + root.getRowCount()
                + " rows: set the row count (VectorSchemaRoot.setRowCount) before the put");
      }
      ObjectMeta column = ArrayWriter.put(c, sink);
      b.member("__columns_-" + i, column);
      nbytes += column.nbytes();
    }
    return sink.ctx().create(b.nbytes(nbytes).build());
  }

  static ObjectMeta putTable(ArrowTable table, BufferSink sink) {
    ObjectMeta schema = Schemas.put(table.schema(), sink);
    List<VectorSchemaRoot> batches = table.batches();
    ObjectMeta.Builder b =
        ObjectMeta.builder(Typenames.TABLE)
            .put("batch_num_", (long) batches.size())
            .put("num_rows_", table.rowCount())
            .put("num_columns_", (long) table.schema().getFields().size())
            .member("schema_", schema);
    long nbytes = 0;
    for (int i = 0; i < batches.size(); i++) {
      ObjectMeta batch = putBatch(batches.get(i), sink);
      b.member("partitions_-" + i, batch);
      nbytes += batch.nbytes();
    }
    return sink.ctx()
        .create(b.put("partitions_-size", (long) batches.size()).nbytes(nbytes).build());
  }

  static VectorSchemaRoot loadBatch(ObjectMeta meta, ArrayLoader loader, ResolveContext ctx) {
    Schema schema = Schemas.read(Trees.member(meta, "schema_"), ctx);
    long columns = Trees.count(meta, "__columns_-size", Trees.count(meta, "column_num_"));
    long rows = Trees.count(meta, "row_num_");
    if (columns != schema.getFields().size()) {
      throw Trees.invalid(
          meta,
          "__columns_-size",
          "is " + columns + ", but the schema has " + schema.getFields().size() + " fields");
    }
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (int i = 0; i < columns; i++) {
        ObjectMeta column = Trees.member(meta, "__columns_-" + i);
        FieldVector v = loader.load(column, schema.getFields().get(i));
        vectors.add(v);
        if (v.getValueCount() != rows) {
          throw Trees.invalid(
              meta,
              "__columns_-" + i,
              "has " + v.getValueCount() + " values, row_num_ says " + rows);
        }
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(schema.getFields(), vectors, (int) rows);
  }

  static ArrowTable loadTable(ObjectMeta meta, ArrayLoader loader, ResolveContext ctx) {
    Schema schema = Schemas.read(Trees.member(meta, "schema_"), ctx);
    String prefix = meta.has("partitions_-size") ? "partitions_-" : "__batches_-";
    long n = Trees.count(meta, prefix + "size");
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        batches.add(loadBatch(Trees.member(meta, prefix + i), loader, ctx));
      }
      return ArrowTable.of(schema, batches);
    } catch (RuntimeException e) {
      batches.forEach(VectorSchemaRoot::close);
      throw e;
    }
  }

  /** The allocator of one get's vectors (its memory is only what Arrow adds beside the blobs). */
  static BufferAllocator newAllocator() {
    return ArenaAllocationManager.newRoot();
  }
}
