package io.vineyard.plugin.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ElementType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;

/** The Tensor value: factories, checks, order, copies and equality. */
class TensorTest {

  @Test
  void factoriesPickTheElementType() {
    assertEquals(ElementType.DOUBLE, Tensor.of(new double[1], 1).valueType());
    assertEquals(ElementType.FLOAT, Tensor.of(new float[1], 1).valueType());
    assertEquals(ElementType.INT64, Tensor.of(new long[1], 1).valueType());
    assertEquals(ElementType.INT32, Tensor.of(new int[1], 1).valueType());
    assertEquals(ElementType.INT16, Tensor.of(new short[1], 1).valueType());
    assertEquals(ElementType.INT8, Tensor.of(new byte[1], 1).valueType());
    assertEquals(ElementType.BOOL, Tensor.of(new boolean[1], 1).valueType());
    assertEquals(ElementType.UINT32, Tensor.of(ElementType.UINT32, new int[2], 2).valueType());
    assertEquals(
        ElementType.UINT8,
        Tensor.of(ElementType.UINT8, MemorySegment.ofArray(new byte[6]), 2, 3).valueType());
    assertEquals(Tensor.Order.C, Tensor.of(new double[1], 1).order());
  }

  @Test
  void theShapeMustMatchTheData() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[7], 2, 4));
    assertTrue(
        e.getMessage().contains("[2, 4]")
            && e.getMessage().contains("8")
            && e.getMessage().contains("7"),
        e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.of(new double[2])); // 0-d holds exactly one
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0], -1, 0));
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.of(new double[0], Long.MAX_VALUE, 4, 0));
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.of(ElementType.UINT64, new int[2], 2));
    assertThrows(
        IllegalArgumentException.class,
        () -> Tensor.of(ElementType.DOUBLE, MemorySegment.ofArray(new byte[7]), 1));
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(ElementType.DOUBLE, "text", 1));
    assertThrows(NullPointerException.class, () -> Tensor.of(new double[1], 1).withOrder(null));
  }

  @Test
  void shapesAreCopiedAndOrdersRelabel() {
    long[] shape = {2, 3};
    Tensor t = Tensor.of(new int[6], shape);
    shape[0] = 99;
    assertArrayEquals(new long[] {2, 3}, t.shape());
    t.shape()[1] = 99;
    assertArrayEquals(new long[] {2, 3}, t.shape());
    Tensor f = t.withOrder(Tensor.Order.F);
    assertEquals(Tensor.Order.F, f.order());
    assertSame(t.data(), f.data());
    assertSame(f, f.withOrder(Tensor.Order.F));
    assertNotEquals(t, f);
  }

  @Test
  void equalTensorsHaveEqualElementBytesWhateverHoldsThem() {
    Tensor fromArray = Tensor.of(new double[] {1, 2}, 2);
    MemorySegment le =
        MemorySegment.ofArray(
            ByteBuffer.allocate(16)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putDouble(1)
                .putDouble(2)
                .array());
    Tensor fromSegment = Tensor.of(ElementType.DOUBLE, le, 2);
    assertEquals(fromArray, fromSegment);
    assertEquals(fromArray.hashCode(), fromSegment.hashCode());
    assertNotEquals(fromArray, Tensor.of(new double[] {1, 3}, 2));
    assertNotEquals(fromArray, Tensor.of(new double[] {1, 2}, 2, 1));
    assertNotEquals(fromArray, Tensor.of(new long[] {1, 2}, 2));
    assertEquals("Tensor<float64, shape [2], order C>", fromArray.toString());
  }

  @Test
  void buffersAndCopies() {
    DoubleBuffer d =
        assertInstanceOf(DoubleBuffer.class, Tensor.of(new double[] {1, 2}, 2).buffer());
    assertTrue(d.isReadOnly());
    assertEquals(2, d.get(1));
    ByteBuffer b =
        assertInstanceOf(ByteBuffer.class, Tensor.of(new boolean[] {false, true}, 2).buffer());
    assertEquals(1, b.get(1));
    assertArrayEquals(
        new boolean[] {false, true},
        Tensor.of(new boolean[] {false, true}, 2).toArray(boolean[].class));
    assertArrayEquals(
        new byte[] {0, 1}, Tensor.of(new boolean[] {false, true}, 2).toArray(byte[].class));
    assertArrayEquals(
        new long[] {-1}, Tensor.of(ElementType.UINT64, new long[] {-1}, 1).toArray(long[].class));
    assertThrows(
        IllegalArgumentException.class, () -> Tensor.of(new double[1], 1).toArray(float[].class));
    DoubleBuffer viaHeapSegment =
        (DoubleBuffer)
            Tensor.of(ElementType.DOUBLE, MemorySegment.ofArray(new double[] {5}), 1).buffer();
    assertEquals(5, viaHeapSegment.get(0));
  }
}
