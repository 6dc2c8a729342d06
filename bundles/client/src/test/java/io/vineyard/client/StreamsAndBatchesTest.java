package io.vineyard.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ErrorCode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.StreamReader;
import io.vineyard.api.StreamWriter;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.testkit.TestInstance;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** shrink, batch creates and streams through the Java client. */
class StreamsAndBatchesTest {
  private static final long MIB = 1 << 20;
  TestInstance instance;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(16 * MIB);
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void shrinkKeepsTheHeadAndFreesTheTail() {
    try (VineyardClient c = Vineyard.connect(instance.socket())) {
      BlobWriter w = c.createBlob(8 * MIB);
      w.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 7);
      w.segment().set(ValueLayout.JAVA_BYTE, 1, (byte) 8);
      long before = c.status().memoryUsage();
      w.shrink(2);
      assertEquals(2, w.size());
      assertEquals(2, w.segment().byteSize());
      assertEquals(before - 8 * MIB + 64, c.status().memoryUsage());
      assertThrows(VineyardException.Invalid.class, () -> w.shrink(3));
      ObjectId id = w.seal();
      assertThrows(VineyardException.ObjectSealed.class, () -> w.shrink(1));
      assertArrayEquals(new byte[] {7, 8}, bytes((ByteBuffer) c.get(id)));
    }
  }

  @Test
  void batchesAreAllOrNothing() {
    try (VineyardClient c = Vineyard.connect(instance.socket())) {
      List<BlobWriter> ws = c.createBlobs(3, 0, 5);
      assertEquals(3, ws.size());
      assertEquals(ObjectId.EMPTY_BLOB, ws.get(1).id());
      ws.get(0).segment().fill((byte) 1);
      ws.get(2).segment().fill((byte) 2);
      List<ObjectMeta> members = new ArrayList<>();
      for (BlobWriter w : ws) {
        members.add(c.getMeta(w.seal()));
      }
      long used = c.status().memoryUsage();
      assertThrows(VineyardException.NotEnoughMemory.class, () -> c.createBlobs(1, 64 * MIB));
      assertEquals(used, c.status().memoryUsage(), "a batch that fails allocates nothing");

      List<ObjectMeta> made =
          c.createMetadata(
              List.of(
                  ObjectMeta.builder("test::Box").member("buffer_", members.get(0)).build(),
                  ObjectMeta.builder("test::Box").member("buffer_", members.get(2)).build()));
      assertEquals(2, made.size());
      assertEquals(
          members.get(2).id(), c.getMeta(made.get(1).id()).member("buffer_").orElseThrow().id());
      VineyardException e =
          assertThrows(
              VineyardException.class,
              () ->
                  c.createMetadata(
                      List.of(
                          ObjectMeta.builder("test::Box").build(),
                          ObjectMeta.builder("test::Box")
                              .member(
                                  "buffer_",
                                  ObjectMeta.blob(ObjectId.of(ObjectId.BLOB_BIT | 77), 1, 0))
                              .build())));
      assertTrue(e.getMessage().contains("contents/1"), e.getMessage());
      assertEquals(2, c.list("test::Box", false, 100).size(), "the failed batch left nothing");
    }
  }

  @Test
  void aReaderGetsTheWritersChunksInOrderThenTheEnd() throws Exception {
    try (VineyardClient producer = Vineyard.connect(instance.socket());
        VineyardClient consumer = Vineyard.connect(instance.socket())) {
      ObjectId stream =
          producer.createStream(
              ObjectMeta.builder("vineyard::ByteStream").put("params_", "{}").build());
      try (StreamWriter w = producer.openStreamWriter(stream);
          StreamReader r = consumer.openStreamReader(stream)) {
        assertThrows(VineyardException.class, () -> consumer.openStreamReader(stream).close());
        CompletableFuture<Optional<ObjectId>> first = CompletableFuture.supplyAsync(r::next);
        BlobWriter chunk = w.nextChunk(4);
        chunk.segment().fill((byte) 9);
        Thread.sleep(100);
        assertFalse(first.isDone(), "a chunk being written is not handed over yet");
        ObjectId own = producer.put(new byte[] {1, 2, 3});
        w.push(own); // ready at once, before the chunk still being written
        assertEquals(own, first.get(10, TimeUnit.SECONDS).orElseThrow());
        assertArrayEquals(new byte[] {1, 2, 3}, bytes((ByteBuffer) consumer.get(own)));
        w.stop();
        ObjectId second = r.next().orElseThrow();
        assertEquals(chunk.id(), second);
        assertArrayEquals(new byte[] {9, 9, 9, 9}, bytes((ByteBuffer) consumer.get(second)));
        assertEquals(Optional.empty(), r.next());
        assertEquals(Optional.empty(), r.next());
      }
      ObjectId failing = producer.createStream(ObjectMeta.builder("vineyard::ByteStream").build());
      try (StreamWriter w = producer.openStreamWriter(failing);
          StreamReader r = consumer.openStreamReader(failing)) {
        w.fail();
        assertThrows(VineyardException.StreamFailed.class, r::next);
      }
      VineyardException opened =
          assertThrows(VineyardException.class, () -> producer.openStreamWriter(failing));
      assertEquals(ErrorCode.STREAM_OPENED, opened.code());
      producer.dropStream(failing);
    }
  }
}
