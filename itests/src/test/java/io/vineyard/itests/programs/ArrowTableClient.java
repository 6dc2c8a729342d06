package io.vineyard.itests.programs;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.arrow.StoreAllocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;

/**
 * A record batch of 8 columns of mixed types between two JVMs: {@code write SOCKET ROWS} builds it
 * with the store allocator (straight into shared memory), puts it and prints its ID and a checksum
 * of every value; {@code read SOCKET ID} gets it (vectors over the mapped blobs) and prints the
 * checksum it computes.
 */
public final class ArrowTableClient {
  private ArrowTableClient() {}

  static long checksum(VectorSchemaRoot root) {
    long h = root.getRowCount();
    for (FieldVector v : root.getFieldVectors()) {
      for (int i = 0; i < root.getRowCount(); i++) {
        h = h * 31 + (v.isNull(i) ? 7 : v.hashCode(i));
      }
    }
    return h;
  }

  static VectorSchemaRoot build(BufferAllocator a, int rows) {
    IntVector i32 = new IntVector("i32", a);
    BigIntVector i64 = new BigIntVector("i64", a);
    Float4Vector f32 = new Float4Vector("f32", a);
    Float8Vector f64 = new Float8Vector("f64", a);
    BitVector bool = new BitVector("bool", a);
    DateDayVector day = new DateDayVector("day", a);
    VarCharVector text = new VarCharVector("text", a);
    ListVector list = ListVector.empty("list", a);
    i32.allocateNew(rows);
    i64.allocateNew(rows);
    f32.allocateNew(rows);
    f64.allocateNew(rows);
    bool.allocateNew(rows);
    day.allocateNew(rows);
    text.allocateNew(rows * 12L, rows);
    list.setInitialCapacity(rows, 2);
    list.allocateNew();
    UnionListWriter w = list.getWriter();
    for (int i = 0; i < rows; i++) {
      w.setPosition(i);
      if (i % 10 == 9) {
        continue; // a null in every column
      }
      i32.set(i, i);
      i64.set(i, i * 3_000_000_019L);
      f32.set(i, i / 8f);
      f64.set(i, i * 0.25);
      bool.set(i, i & 1);
      day.set(i, 19_000 + i % 3000);
      text.setSafe(i, ("row-" + i).getBytes(StandardCharsets.UTF_8));
      w.startList();
      for (int k = 0; k < i % 3; k++) {
        w.integer().writeInt(i + k);
      }
      w.endList();
    }
    w.setValueCount(rows);
    VectorSchemaRoot root = VectorSchemaRoot.of(i32, i64, f32, f64, bool, day, text, list);
    root.setRowCount(rows);
    return root;
  }

  public static void main(String[] args) {
    try (VineyardClient client = Vineyard.connect(Path.of(args[1]))) {
      if (args[0].equals("write")) {
        int rows = Integer.parseInt(args[2]);
        try (BufferAllocator store = StoreAllocator.create(client);
            VectorSchemaRoot root = build(store, rows)) {
          long t0 = System.nanoTime();
          ObjectId id = client.put(root);
          long putMicros = (System.nanoTime() - t0) / 1000;
          System.out.println(
              "id=" + id + " checksum=" + checksum(root) + " putMicros=" + putMicros);
        }
      } else {
        long t0 = System.nanoTime();
        try (VectorSchemaRoot root = (VectorSchemaRoot) client.get(ObjectId.parse(args[2]))) {
          long getMicros = (System.nanoTime() - t0) / 1000;
          System.out.println(
              "rows="
                  + root.getRowCount()
                  + " columns="
                  + root.getFieldVectors().size()
                  + " checksum="
                  + checksum(root)
                  + " getMicros="
                  + getMicros);
        }
      }
    }
  }
}
