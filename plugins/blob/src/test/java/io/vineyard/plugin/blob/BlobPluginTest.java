package io.vineyard.plugin.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.testkit.FakeContexts;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BlobPluginTest {
  final BlobPlugin plugin = new BlobPlugin();

  @Test
  void putsByteArraysBuffersAndSegments() {
    byte[] hello = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    try (FakeContexts ctx = new FakeContexts()) {
      ObjectMeta a = plugin.put(hello, ctx);
      assertEquals("vineyard::Blob", a.typename());
      assertEquals(13, a.number("length").orElseThrow());
      assertArrayEquals(hello, ctx.sealed().get(a.id()).toArray(ValueLayout.JAVA_BYTE));

      ByteBuffer direct =
          ByteBuffer.allocateDirect(20).put(new byte[3]).put(hello).flip().position(3);
      ObjectMeta b = plugin.put(direct, ctx);
      assertEquals(3, direct.position(), "put must not consume the buffer");
      assertArrayEquals(hello, ctx.sealed().get(b.id()).toArray(ValueLayout.JAVA_BYTE));

      ByteBuffer heapReadOnly = ByteBuffer.wrap(hello, 7, 5).asReadOnlyBuffer();
      ObjectMeta c = plugin.put(heapReadOnly, ctx);
      assertEquals(
          "World",
          new String(
              ctx.sealed().get(c.id()).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));

      try (Arena arena = Arena.ofConfined()) {
        MemorySegment seg = arena.allocateFrom("abc");
        ObjectMeta d = plugin.put(seg, ctx);
        assertEquals(4, d.nbytes());
      }
      assertEquals(0, ctx.dropped());
    }
  }

  @Test
  void emptyValuesBecomeTheEmptyBlob() {
    try (FakeContexts ctx = new FakeContexts()) {
      ObjectMeta m = plugin.put(new byte[0], ctx);
      assertEquals("o8000000000000000", m.id().toString());
      assertEquals(0, m.nbytes());
    }
  }

  @Test
  void canPutOnlyBytes() {
    assertTrue(plugin.canPut(new byte[1]));
    assertTrue(plugin.canPut(ByteBuffer.allocate(1)));
    assertTrue(plugin.canPut(MemorySegment.ofArray(new byte[1])));
    assertFalse(plugin.canPut(new Thread(() -> {})));
    assertFalse(plugin.canPut(null));
    assertFalse(plugin.canPut(new int[1]));
    assertThrows(
        VineyardException.TypeError.class, () -> plugin.put(new int[1], new FakeContexts()));
  }

  @Test
  void resolvesToAReadOnlyViewAndRemoteBlobsToNull() {
    try (FakeContexts ctx = new FakeContexts()) {
      ObjectMeta m = plugin.put("xyz".getBytes(StandardCharsets.US_ASCII), ctx);
      ByteBuffer b = assertInstanceOf(ByteBuffer.class, plugin.resolve(m, ctx));
      assertTrue(b.isReadOnly());
      assertTrue(b.isDirect());
      assertEquals(3, b.remaining());
      assertEquals('y', b.get(1));
      assertSame(m, plugin.view(m, ctx).meta());
      assertEquals("Object <\"" + m.id() + "\": vineyard::Blob>", plugin.view(m, ctx).toString());

      ObjectMeta remote =
          ObjectMeta.builder("vineyard::Blob")
              .put("id", "o8000000000000abc")
              .put("length", 3L)
              .nbytes(3)
              .build();
      assertNull(plugin.resolve(remote, ctx));
    }
  }

  @Test
  void failedWritesDropTheBlob() {
    try (FakeContexts ctx = new FakeContexts()) {
      ctx.shortSegments(true);
      assertThrows(IndexOutOfBoundsException.class, () -> plugin.put(new byte[4], ctx));
      assertEquals(1, ctx.dropped());
      assertTrue(ctx.sealed().isEmpty());
    }
  }

  @Test
  void validatesSizes() {
    plugin.validate(ObjectMeta.builder("vineyard::Blob").put("length", 0L).nbytes(0).build());
    VineyardException.Invalid e =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                plugin.validate(
                    ObjectMeta.builder("vineyard::Blob").put("length", -1L).nbytes(0).build()));
    assertTrue(e.getMessage().contains("'length'"), e.getMessage());
    assertThrows(
        VineyardException.Invalid.class,
        () ->
            plugin.validate(
                ObjectMeta.builder("vineyard::Blob").put("length", "12").nbytes(12).build()));
    assertThrows(
        VineyardException.Invalid.class,
        () -> plugin.validate(ObjectMeta.builder("vineyard::Blob").put("length", 3L).build()));
  }

  @Test
  void isAServiceLoaderProvider() {
    var found =
        ServiceLoader.load(ObjectTypePlugin.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    assertEquals(1, found.size());
    assertEquals("vineyard::Blob", found.get(0).typename());
  }
}
