package io.vineyard.plugin.array.internal;

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
import io.vineyard.plugin.array.ArrayObject;
import io.vineyard.plugin.array.ArrayValue;
import io.vineyard.testkit.ElementSamples;
import io.vineyard.testkit.FakeContexts;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ArrayPluginTest {
  final ArrayPlugin plugin = new ArrayPlugin();

  /** What to put for the type: the plain array where one maps to it, else an {@link ArrayValue}. */
  static Object putValue(ElementType t, Object array) {
    return switch (t) {
      case INT8 -> ArrayValue.ofBytes((byte[]) array);
      case UINT8 -> ArrayValue.unsigned((byte[]) array);
      case UINT32 -> ArrayValue.unsigned((int[]) array);
      case UINT64 -> ArrayValue.unsigned((long[]) array);
      default -> array;
    };
  }

  @ParameterizedTest
  @EnumSource(ElementType.class)
  void roundTripsEveryElementType(ElementType t) {
    Object array = ElementSamples.array(t, 11);
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      Object value = putValue(t, array);
      assertTrue(plugin.canPut(value));
      ObjectMeta m = plugin.put(value, ctx);
      assertEquals("vineyard::Array<" + t.cppName() + ">", m.typename());
      assertEquals(11, m.number("size_").orElseThrow());
      assertEquals(11L * t.byteSize(), m.nbytes());
      ObjectMeta buffer = m.member("buffer_").orElseThrow();
      assertEquals("vineyard::Blob", buffer.typename());
      assertArrayEquals(
          ElementSamples.littleEndian(array),
          ctx.sealed().get(buffer.id()).toArray(ValueLayout.JAVA_BYTE));

      Buffer view = assertInstanceOf(ElementSamples.bufferKind(t), plugin.resolve(m, ctx));
      assertTrue(view.isReadOnly());
      assertTrue(view.isDirect());
      assertEquals(11, view.remaining());
      assertTrue(
          Objects.deepEquals(array, plugin.resolve(m, ctx, array.getClass())), "copy of " + t);

      ArrayObject o = assertInstanceOf(ArrayObject.class, plugin.view(m, ctx));
      assertEquals(11, o.size());
      assertEquals(t, o.valueType());
      assertTrue(o.isLocal());
      assertTrue(o.segment().isReadOnly());
      assertTrue(Objects.deepEquals(array, o.toArray(array.getClass())));
      assertInstanceOf(ElementSamples.bufferKind(t), o.buffer());
      assertEquals(
          "Object <\"" + m.id() + "\": vineyard::Array<" + t.cppName() + ">>", o.toString());
    }
  }

  @Test
  void treeHasExactlyTheDesignFields() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta m = plugin.put(new double[] {1, 2, 3}, ctx);
      // the tree as the plugin built it (the server adds id, instance_id and signature, and so does
      // the fake)
      Set<String> fields = new TreeSet<>();
      fields.addAll(ctx.last().entries().keySet());
      assertEquals(
          new TreeSet<>(Set.of("typename", "size_", "nbytes", "buffer_", "transient")), fields);
      assertEquals(ctx.last().typename(), m.typename());
      assertTrue(m.value("size_").orElseThrow() instanceof Long, "size_ is a JSON number");
      assertTrue(m.isTransient());
    }
  }

  @Test
  void bytesStayBlobsUnlessWrapped() {
    assertFalse(plugin.canPut(new byte[3]));
    assertFalse(plugin.canPut(null));
    assertFalse(plugin.canPut(new char[3]));
    assertFalse(plugin.canPut(new Object[3]));
    assertFalse(plugin.canPut("text"));
    assertTrue(plugin.canPut(ArrayValue.ofBytes(new byte[3])));
    for (Object v :
        new Object[] {
          new double[1], new float[1], new long[1], new int[1], new short[1], new boolean[1]
        }) {
      assertTrue(plugin.canPut(v), v.getClass().getSimpleName());
    }
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      VineyardException.TypeError e =
          assertThrows(VineyardException.TypeError.class, () -> plugin.put(new byte[3], ctx));
      assertTrue(e.getMessage().contains("[B"), e.getMessage());
    }
  }

  @Test
  void emptyArraysUseTheEmptyBlob() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta m = plugin.put(new double[0], ctx);
      assertEquals(0, m.number("size_").orElseThrow());
      assertEquals("o8000000000000000", m.member("buffer_").orElseThrow().id().toString());
      assertEquals(0, assertInstanceOf(DoubleBuffer.class, plugin.resolve(m, ctx)).remaining());
      assertArrayEquals(new double[0], plugin.resolve(m, ctx, double[].class));
    }
  }

  @Test
  void segmentsAndBuffersAreLittleEndianBytes() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ByteBuffer le = ByteBuffer.wrap(new byte[] {9, 1, 0, 0, 0, 2, 0, 0, 0}).position(1);
      ObjectMeta m = plugin.put(ArrayValue.of(ElementType.UINT32, le), ctx);
      assertEquals(1, le.position(), "put must not consume the buffer");
      assertEquals("vineyard::Array<uint32>", m.typename());
      IntBuffer ints = assertInstanceOf(IntBuffer.class, plugin.resolve(m, ctx));
      assertEquals(1, ints.get(0));
      assertEquals(2, ints.get(1));
      ObjectMeta s =
          plugin.put(
              ArrayValue.of(ElementType.INT16, MemorySegment.ofArray(new byte[] {-1, -1})), ctx);
      assertArrayEquals(new short[] {-1}, plugin.resolve(s, ctx, short[].class));
      assertThrows(
          IllegalArgumentException.class,
          () -> ArrayValue.of(ElementType.INT64, MemorySegment.ofArray(new byte[12])));
      assertThrows(
          IllegalArgumentException.class, () -> ArrayValue.of(ElementType.UINT32, new long[1]));
      assertThrows(IllegalArgumentException.class, () -> ArrayValue.of(new char[1]));
      assertEquals(
          ElementType.BOOL, ArrayValue.of(ElementType.BOOL, new byte[] {0, 1}).valueType());
    }
  }

  @Test
  void copiesAndViewsOfTheWrongKindSayWhy() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ObjectMeta m = plugin.put(new int[] {1, 2}, ctx);
      VineyardException.ObjectTypeError e =
          assertThrows(
              VineyardException.ObjectTypeError.class,
              () -> plugin.resolve(m, ctx, double[].class));
      assertTrue(
          e.getMessage().contains("int[]") && e.getMessage().contains("double[]"), e.getMessage());
      ArrayObject o = (ArrayObject) plugin.view(m, ctx);
      assertThrows(VineyardException.ObjectTypeError.class, o::asDoubleBuffer);
      assertEquals(2, o.asIntBuffer().get(1));
      assertEquals(8, o.asByteBuffer().remaining());
      assertEquals(2, o.asByteBuffer().get(4));
      assertEquals(8, plugin.resolve(m, ctx, MemorySegment.class).byteSize());
      assertInstanceOf(IntBuffer.class, plugin.resolve(m, ctx, Buffer.class));
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
          ObjectMeta.builder("vineyard::Array<double>")
              .put("id", "o0000000000000123")
              .put("size_", 4L)
              .nbytes(32)
              .member("buffer_", remoteBlob)
              .build();
      assertNull(plugin.resolve(m, ctx));
      assertNull(plugin.resolve(m, ctx, double[].class));
      ArrayObject o = (ArrayObject) plugin.view(m, ctx);
      assertFalse(o.isLocal());
      assertEquals(4, o.size());
      assertThrows(VineyardException.ObjectNotExists.class, o::segment);
      assertThrows(VineyardException.ObjectNotExists.class, o::buffer);
    }
  }

  @Test
  void failedWritesDropTheBlob() {
    try (FakeContexts ctx = new FakeContexts(plugin)) {
      ctx.shortSegments(true);
      assertThrows(IndexOutOfBoundsException.class, () -> plugin.put(new long[4], ctx));
      assertThrows(IndexOutOfBoundsException.class, () -> plugin.put(new boolean[4], ctx));
      assertEquals(2, ctx.dropped());
      assertTrue(ctx.sealed().isEmpty());
    }
  }

  @Test
  void isAServiceLoaderProvider() {
    var found =
        ServiceLoader.load(ObjectTypePlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.typename().equals("vineyard::Array"))
            .toList();
    assertEquals(1, found.size());
    assertInstanceOf(ArrayPlugin.class, found.get(0));
  }
}
