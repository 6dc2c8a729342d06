package io.vineyard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.api.spi.PluginTable;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.plugin.blob.BlobPlugin;
import io.vineyard.testkit.TestInstance;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Composite objects, listing, deletion and concurrency against a real instance. */
class ObjectsTest {
  TestInstance instance;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(64L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  /**
   * A test-only composite: a pair of byte arrays, as "test::Pair" with members first_ and second_.
   */
  static class PairPlugin implements ObjectTypePlugin {
    @Override
    public String typename() {
      return "test::Pair";
    }

    @Override
    public boolean canPut(Object v) {
      return v instanceof byte[][] a && a.length == 2;
    }

    @Override
    public ObjectMeta put(Object value, PutContext ctx) {
      byte[][] pair = (byte[][]) value;
      ObjectMeta first = ctx.putMember(pair[0]);
      ObjectMeta second = ctx.putMember(pair[1]);
      return ctx.create(
          ObjectMeta.builder("test::Pair")
              .member("first_", first)
              .member("second_", second)
              .nbytes(first.nbytes() + second.nbytes())
              .build());
    }

    @Override
    public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
      return () -> meta;
    }

    @Override
    public Object resolve(ObjectMeta meta, ResolveContext ctx) {
      return List.of(
          ctx.resolve(meta.member("first_").orElseThrow()),
          ctx.resolve(meta.member("second_").orElseThrow()));
    }
  }

  static PluginRegistry withPair() {
    PluginTable table = new PluginTable();
    table.add("vineyard::Blob", 0, new BlobPlugin());
    table.add("test::Pair", 0, new PairPlugin());
    return table;
  }

  @Test
  void aPutThatFailsHalfWayLeavesNothingBehind() {
    try (VineyardClient client = Vineyard.connect(instance.socket(), withPair())) {
      long before = client.status().memoryUsage();
      // the first member fits, the second is beyond the instance's 64 MiB
      VineyardException e =
          assertThrows(
              VineyardException.NotEnoughMemory.class,
              () -> client.put(new byte[][] {new byte[1 << 20], new byte[65 << 20]}));
      assertEquals(
          before, client.status().memoryUsage(), "the first member was deleted again: " + e);
      assertTrue(client.list("*", false, 100).isEmpty());
    }
  }

  @Test
  void aPluginThatThrowsFailsOnlyThatRequest() {
    PluginTable table = new PluginTable();
    table.add("vineyard::Blob", 0, new BlobPlugin());
    table.add(
        "test::Pair",
        0,
        new PairPlugin() {
          @Override
          public Object resolve(ObjectMeta meta, ResolveContext ctx) {
            throw new ArithmeticException("boom");
          }

          @Override
          public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
            throw new IndexOutOfBoundsException("bang");
          }
        });
    try (VineyardClient client = Vineyard.connect(instance.socket(), table)) {
      ObjectId id = client.put(new byte[][] {{1}, {2}});
      VineyardException e =
          assertThrows(VineyardException.ObjectTypeError.class, () -> client.get(id));
      assertTrue(
          e.getMessage().contains("test::Pair")
              && e.getMessage().contains(id.toString())
              && e.getMessage().contains("boom"),
          e.getMessage());
      e = assertThrows(VineyardException.ObjectTypeError.class, () -> client.getObject(id));
      assertTrue(e.getMessage().contains("bang"), e.getMessage());
      ObjectId blob = client.put(new byte[] {7});
      assertEquals(
          7,
          ((ByteBuffer) client.get(blob)).get(0),
          "the client and its other plugins keep working");
    }
  }

  @Test
  void compositeObjectsThroughPlugins() {
    try (VineyardClient writer = Vineyard.connect(instance.socket(), withPair());
        VineyardClient plain = Vineyard.connect(instance.socket())) {
      ObjectId id =
          writer.put(
              new byte[][] {
                "left".getBytes(StandardCharsets.US_ASCII),
                "right!".getBytes(StandardCharsets.US_ASCII)
              });
      assertFalse(id.isBlob());
      ObjectMeta meta = writer.getMeta(id);
      assertEquals("test::Pair", meta.typename());
      assertEquals(10, meta.nbytes());
      assertEquals(2, meta.members().size());

      List<?> values = assertInstanceOf(List.class, writer.get(id));
      assertEquals("left", StandardCharsets.US_ASCII.decode((ByteBuffer) values.get(0)).toString());
      assertEquals(
          "right!", StandardCharsets.US_ASCII.decode((ByteBuffer) values.get(1)).toString());

      // a client without the plugin: a generic view, and get names what is missing
      VineyardObject generic = plain.getObject(id);
      assertEquals("Object <\"" + id + "\": test::Pair>", generic.toString());
      VineyardException.NotImplemented e =
          assertThrows(VineyardException.NotImplemented.class, () -> plain.get(id));
      assertTrue(
          e.getMessage().contains("test::Pair") && e.getMessage().contains("plugin"),
          e.getMessage());
      Blob first =
          assertInstanceOf(Blob.class, plain.getObject(meta.member("first_").orElseThrow().id()));
      assertEquals(4, first.size());
    }
  }

  @Test
  void createMetadataFillsIdSignatureAndInstance() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectMeta blob = client.getMeta(client.put(new byte[] {1, 2, 3}));
      ObjectMeta created =
          client.createMetadata(
              ObjectMeta.builder("test::Box")
                  .put("label", "x")
                  .member("buffer_", blob)
                  .nbytes(3)
                  .build());
      assertFalse(created.id().isBlob());
      assertNotEquals(ObjectId.INVALID, created.id());
      assertTrue(created.value("signature").orElseThrow() instanceof Long);
      assertEquals(client.instanceId(), created.instanceId());
      ObjectMeta read = client.getMeta(created.id());
      assertEquals("x", read.string("label").orElseThrow());
      assertEquals(blob.id(), read.member("buffer_").orElseThrow().id());
      assertTrue(
          client.list("test::*", false, 10).stream().anyMatch(m -> m.id().equals(created.id())));
      assertTrue(
          client.list("test::B.x", true, 10).stream().anyMatch(m -> m.id().equals(created.id())));
      assertTrue(client.list("nothing::*", false, 10).isEmpty());
    }
  }

  @Test
  void deleteFreesMemoryOnceTheViewIsClosed() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      long before = client.status().memoryUsage();
      byte[] value = new byte[1 << 20];
      value[12345] = 7;
      ObjectId id = client.put(value);
      assertEquals(before + (1 << 20), client.status().memoryUsage());
      Blob view = client.getObject(id, Blob.class);
      ByteBuffer bytes = view.buffer();
      client.delete(id);
      assertFalse(client.exists(id));
      assertEquals(before + (1 << 20), client.status().memoryUsage(), "the view holds the blob");
      assertEquals(7, bytes.get(12345), "a view still open reads the deleted object's bytes");
      view.close();
      assertEquals(before, client.status().memoryUsage(), "the release rode ahead of the status");
      assertThrows(IllegalStateException.class, () -> bytes.get(12345));
      assertThrows(VineyardException.ObjectNotExists.class, () -> client.delete(id));
    }
  }

  @Test
  void oneClientFromManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    byte[] data = new byte[1 + (seed * 50 + i) % 3000];
                    java.util.Arrays.fill(data, (byte) (seed * 31 + i));
                    ObjectId id = client.put(data);
                    ByteBuffer got = (ByteBuffer) client.get(id);
                    assertEquals(ByteBuffer.wrap(data), got);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void emptyBlobs() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId id = client.put(new byte[0]);
      assertEquals(ObjectId.EMPTY_BLOB, id);
      ByteBuffer b = (ByteBuffer) client.get(id);
      assertEquals(0, b.remaining());
    }
  }

  @Test
  void connectFailureNamesTheSocket() {
    var missing = instance.dir().resolve("nobody-here.sock");
    VineyardException.ConnectionFailed e =
        assertThrows(VineyardException.ConnectionFailed.class, () -> Vineyard.connect(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }
}
