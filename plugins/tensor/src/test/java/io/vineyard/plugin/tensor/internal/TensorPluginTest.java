package io.vineyard.plugin.tensor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.plugin.tensor.Tensor;
import io.vineyard.plugin.tensor.TensorObject;
import io.vineyard.testkit.ElementSamples;
import io.vineyard.testkit.FakeContexts;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TensorPluginTest {
  final TensorPlugin plugin = new TensorPlugin();

  @ParameterizedTest
  @EnumSource(ElementType.class)
  void roundTripsEveryElementType(ElementType t) {
    Object array = ElementSamples.array(t, 12);
    Tensor tensor = Tensor.of(t, array, 3, 4);
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      assertTrue(plugin.canPut(tensor));
      ObjectMeta m = plugin.put(tensor, ctx);
      assertEquals("vineyard::Tensor<" + t.cppName() + ">", m.typename());
      assertEquals(t.numpyName(), m.string("value_type_").orElseThrow());
      assertEquals(t.numpyDtype(), m.string("value_type_meta_").orElseThrow());
      assertEquals("[3, 4]", m.string("shape_").orElseThrow());
      assertEquals("\"C\"", m.string("order_").orElseThrow());
      assertEquals("[]", m.string("partition_index_").orElseThrow());
      assertEquals(12L * t.byteSize(), m.nbytes());
      ObjectMeta buffer = m.member("buffer_").orElseThrow();
      assertArrayEquals(
          ElementSamples.littleEndian(array),
          ctx.sealed().get(buffer.id()).toArray(ValueLayout.JAVA_BYTE));

      Tensor back = assertInstanceOf(Tensor.class, plugin.resolve(m, ctx));
      assertEquals(tensor, back);
      MemorySegment shared = assertInstanceOf(MemorySegment.class, back.data());
      assertTrue(shared.isReadOnly());
      assertTrue(Objects.deepEquals(array, back.toArray(array.getClass())));
      assertTrue(
          Objects.deepEquals(array, plugin.resolve(m, ctx, array.getClass())), "copy of " + t);
      assertInstanceOf(ElementSamples.bufferKind(t), back.buffer());
      assertTrue(back.buffer().isReadOnly());

      TensorObject o = assertInstanceOf(TensorObject.class, plugin.view(m, ctx));
      assertArrayEquals(new long[] {3, 4}, o.shape());
      assertEquals(t, o.valueType());
      assertEquals(Tensor.Order.C, o.order());
      assertEquals(12, o.size());
      assertTrue(o.isLocal());
      assertInstanceOf(ElementSamples.bufferKind(t), o.buffer());
      assertEquals(12, o.buffer().remaining());
      assertTrue(Objects.deepEquals(array, o.toArray(array.getClass())));
      assertEquals(tensor, o.tensor());
      assertEquals(
          "Object <\"" + m.id() + "\": vineyard::Tensor<" + t.cppName() + ">>", o.toString());
    }
  }

  @Test
  void treeHasExactlyTheDesignFields() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta m = plugin.put(Tensor.of(new double[8], 2, 4), ctx);
      // the tree as the plugin built it (the server adds id, instance_id and signature, and so does
      // the fake)
      Set<String> fields = new TreeSet<>();
      fields.addAll(ctx.last().entries().keySet());
      assertEquals(
          new TreeSet<>(
              Set.of(
                  "typename",
                  "transient",
                  "value_type_",
                  "value_type_meta_",
                  "shape_",
                  "order_",
                  "partition_index_",
                  "nbytes",
                  "buffer_")),
          fields);
      assertEquals(ctx.last().typename(), m.typename());
    }
  }

  @Test
  void fortranOrderKeepsMemoryOrder() {
    double[] columnMajor = {1, 4, 2, 5, 3, 6}; // [[1, 2, 3], [4, 5, 6]] stored column by column
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta m = plugin.put(Tensor.of(columnMajor, 2, 3).withOrder(Tensor.Order.F), ctx);
      assertEquals("\"F\"", m.string("order_").orElseThrow());
      assertEquals("[2, 3]", m.string("shape_").orElseThrow());
      Tensor back = (Tensor) plugin.resolve(m, ctx);
      assertEquals(Tensor.Order.F, back.order());
      assertArrayEquals(new long[] {2, 3}, back.shape());
      assertArrayEquals(columnMajor, plugin.resolve(m, ctx, double[].class));
      assertEquals(Tensor.Order.F, ((TensorObject) plugin.view(m, ctx)).order());
    }
  }

  @Test
  void zeroDimensionalAndEmptyTensors() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta scalar = plugin.put(Tensor.of(new double[] {42}), ctx);
      assertEquals("[]", scalar.string("shape_").orElseThrow());
      Tensor s = (Tensor) plugin.resolve(scalar, ctx);
      assertEquals(0, s.shape().length);
      assertEquals(1, s.size());
      assertArrayEquals(new double[] {42}, s.toArray(double[].class));

      ObjectMeta empty = plugin.put(Tensor.of(new float[0], 0, 3), ctx);
      assertEquals("[0, 3]", empty.string("shape_").orElseThrow());
      assertEquals("o8000000000000000", empty.member("buffer_").orElseThrow().id().toString());
      Tensor e = (Tensor) plugin.resolve(empty, ctx);
      assertArrayEquals(new long[] {0, 3}, e.shape());
      assertEquals(0, e.size());
      assertArrayEquals(new float[0], plugin.resolve(empty, ctx, float[].class));

      ObjectMeta oneD = plugin.put(Tensor.of(new int[] {1, 2, 3}, 3), ctx);
      assertEquals("[3]", oneD.string("shape_").orElseThrow());
    }
  }

  @Test
  void canPutOnlyTensors() {
    assertFalse(plugin.canPut(new double[2]));
    assertFalse(plugin.canPut(null));
    assertThrows(
        VineyardException.TypeError.class,
        () -> plugin.put(new double[2], new FakeContexts(plugin)));
  }

  @Test
  void copiesOfTheWrongKindSayWhy() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta m = plugin.put(Tensor.of(new long[] {1, 2}, 2), ctx);
      VineyardException.ObjectTypeError e =
          assertThrows(
              VineyardException.ObjectTypeError.class, () -> plugin.resolve(m, ctx, int[].class));
      assertTrue(
          e.getMessage().contains("long[]") && e.getMessage().contains("int[]"), e.getMessage());
      TensorObject o = (TensorObject) plugin.view(m, ctx);
      assertThrows(VineyardException.ObjectTypeError.class, o::asDoubleBuffer);
      assertEquals(2, o.asLongBuffer().get(1));
      assertEquals(16, plugin.resolve(m, ctx, MemorySegment.class).byteSize());
      assertInstanceOf(Tensor.class, plugin.resolve(m, ctx, Tensor.class));
    }
  }

  @Test
  void blobsOnAnotherInstanceResolveToNull() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta remoteBlob =
          ObjectMeta.builder("vineyard::Blob")
              .put("id", "o8000000000000abc")
              .put("length", 32L)
              .nbytes(32)
              .build();
      ObjectMeta m =
          ObjectMeta.builder("vineyard::Tensor<double>")
              .put("id", "o0000000000000123")
              .put("value_type_", "float64")
              .put("shape_", "[2, 2]")
              .put("order_", "\"C\"")
              .nbytes(32)
              .member("buffer_", remoteBlob)
              .build();
      assertNull(plugin.resolve(m, ctx));
      assertNull(plugin.resolve(m, ctx, double[].class));
      TensorObject o = (TensorObject) plugin.view(m, ctx);
      assertFalse(o.isLocal());
      assertArrayEquals(new long[] {2, 2}, o.shape());
      assertThrows(VineyardException.ObjectNotExists.class, o::tensor);
    }
  }

  @Test
  void failedWritesDropTheBlob() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ctx.shortSegments(true);
      assertThrows(
          IndexOutOfBoundsException.class, () -> plugin.put(Tensor.of(new double[4], 2, 2), ctx));
      assertEquals(1, ctx.dropped());
      assertTrue(ctx.sealed().isEmpty());
    }
  }

  @Test
  void isAServiceLoaderProvider() {
    var found =
        ServiceLoader.load(ObjectTypePlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.typename().equals("vineyard::Tensor"))
            .toList();
    assertEquals(1, found.size());
    assertInstanceOf(TensorPlugin.class, found.get(0));
  }
}
