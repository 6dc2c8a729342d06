package io.vineyard.plugin.arrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A table: record batches of one schema, in order ({@code vineyard::Table}, Arrow C++'s and
 * pyarrow's {@code Table} as a list of batches).
 *
 * <p>The table owns its batches: {@link #close()} closes each of them. A table from {@code get}
 * holds vectors over the store's shared memory; closing it releases them.
 */
public final class ArrowTable implements AutoCloseable {
  private final Schema schema;
  private final List<VectorSchemaRoot> batches;

  private ArrowTable(Schema schema, List<VectorSchemaRoot> batches) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.batches = List.copyOf(batches);
  }

  /**
   * A table of the given batches, each of {@code schema}.
   *
   * @throws IllegalArgumentException naming the batch whose schema differs
   */
  public static ArrowTable of(Schema schema, List<VectorSchemaRoot> batches) {
    for (int i = 0; i < batches.size(); i++) {
      if (!batches.get(i).getSchema().equals(schema)) {
        throw new IllegalArgumentException(
            "batch "
                + i
                + " has schema "
                + batches.get(i).getSchema()
                + ", the table's is "
                + schema);
      }
    }
    return new ArrowTable(schema, batches);
  }

  /**
   * A table of one or more batches with the first one's schema.
   *
   * @throws IllegalArgumentException when there is no batch or their schemas differ
   */
  public static ArrowTable of(VectorSchemaRoot... batches) {
    if (batches.length == 0) {
      throw new IllegalArgumentException("a table needs a schema: give at least one batch");
    }
    return of(batches[0].getSchema(), new ArrayList<>(List.of(batches)));
  }

  /** The schema every batch has. */
  public Schema schema() {
    return schema;
  }

  /** The batches, in order (unmodifiable). */
  public List<VectorSchemaRoot> batches() {
    return batches;
  }

  /** The number of rows, all batches together. */
  public long rowCount() {
    long n = 0;
    for (VectorSchemaRoot b : batches) {
      n += b.getRowCount();
    }
    return n;
  }

  /** Closes every batch. */
  @Override
  public void close() {
    batches.forEach(VectorSchemaRoot::close);
  }

  @Override
  public String toString() {
    return "ArrowTable<" + batches.size() + " batches, " + rowCount() + " rows, " + schema + ">";
  }
}
