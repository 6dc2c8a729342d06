package io.vineyard.plugin.arrow;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionLargeListWriter;
import org.apache.arrow.vector.complex.impl.UnionListWriter;

/** Sample columns of every supported vector type, every third row null. */
final class Columns {
  private Columns() {}

  static boolean isNull(int i) {
    return i % 3 == 1;
  }

  /** A root of every supported type with {@code rows} rows. */
  static VectorSchemaRoot everyType(BufferAllocator a, int rows) {
    List<FieldVector> v = new ArrayList<>();
    TinyIntVector i8 = new TinyIntVector("i8", a);
    SmallIntVector i16 = new SmallIntVector("i16", a);
    IntVector i32 = new IntVector("i32", a);
    BigIntVector i64 = new BigIntVector("i64", a);
    UInt1Vector u8 = new UInt1Vector("u8", a);
    UInt2Vector u16 = new UInt2Vector("u16", a);
    UInt4Vector u32 = new UInt4Vector("u32", a);
    UInt8Vector u64 = new UInt8Vector("u64", a);
    Float4Vector f32 = new Float4Vector("f32", a);
    Float8Vector f64 = new Float8Vector("f64", a);
    BitVector bool = new BitVector("bool", a);
    DateDayVector day = new DateDayVector("day", a);
    VarCharVector str = new VarCharVector("str", a);
    LargeVarCharVector lstr = new LargeVarCharVector("lstr", a);
    VarBinaryVector bin = new VarBinaryVector("bin", a);
    LargeVarBinaryVector lbin = new LargeVarBinaryVector("lbin", a);
    FixedSizeBinaryVector fsb = new FixedSizeBinaryVector("fsb", a, 3);
    NullVector nul = new NullVector("nul");
    ListVector list = ListVector.empty("list", a);
    LargeListVector llist = LargeListVector.empty("llist", a);
    v.addAll(
        List.of(
            i8, i16, i32, i64, u8, u16, u32, u64, f32, f64, bool, day, str, lstr, bin, lbin, fsb,
            nul, list, llist));
    v.forEach(FieldVector::allocateNew);
    UnionListWriter lw = list.getWriter();
    UnionLargeListWriter llw = llist.getWriter();
    for (int i = 0; i < rows; i++) {
      lw.setPosition(i);
      llw.setPosition(i);
      if (isNull(i)) {
        continue; // every vector's validity bit stays 0
      }
      i8.setSafe(i, (byte) i);
      i16.setSafe(i, (short) (i * 3));
      i32.setSafe(i, i * 7);
      i64.setSafe(i, i * 1_000_000_007L);
      u8.setSafe(i, (byte) (200 + i));
      u16.setSafe(i, (char) (60000 + i));
      u32.setSafe(i, -i);
      u64.setSafe(i, -1L - i);
      f32.setSafe(i, i / 4f);
      f64.setSafe(i, i * 0.5);
      bool.setSafe(i, i % 2);
      day.setSafe(i, 19000 + i);
      byte[] text = ("row " + i + " é").getBytes(UTF_8);
      str.setSafe(i, text);
      lstr.setSafe(i, text);
      bin.setSafe(i, new byte[] {(byte) i, 0, (byte) -i});
      lbin.setSafe(i, new byte[i % 5]);
      fsb.setSafe(i, new byte[] {1, (byte) i, 3});
      lw.startList();
      llw.startList();
      for (int k = 0; k < i % 4; k++) {
        lw.integer().writeInt(i * 10 + k);
        llw.bigInt().writeBigInt(-i * 10L - k);
      }
      lw.endList();
      llw.endList();
    }
    lw.setValueCount(rows);
    llw.setValueCount(rows);
    VectorSchemaRoot root = new VectorSchemaRoot(v);
    root.setRowCount(rows);
    return root;
  }
}
