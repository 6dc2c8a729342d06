package io.vineyard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.settings.Deadline;
import io.vineyard.testkit.TestInstance;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How long a view holds its blob: until it is closed, or until it and everything made from it are
 * unreachable. Two clients of one instance: a writer that puts and deletes, a reader that gets.
 * Where a test needs the collector to find dropped views it calls {@link System#gc()} (the
 * collector runs on its own schedule otherwise).
 */
class ViewLifetimeTest {
  static final int MIB = 1 << 20;

  TestInstance instance;
  VineyardClient writer;
  VineyardClient reader;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(16L * MIB);
    writer = Vineyard.connect(instance.socket());
    reader = Vineyard.connect(instance.socket());
  }

  @AfterEach
  void stop() throws Exception {
    try (TestInstance i = instance;
        VineyardClient w = writer;
        VineyardClient r = reader) {
      // closes all three, also after a failure
    }
  }

  private long used() {
    return instance.store().used();
  }

  private static byte[] filled(int size, int seed) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) seed);
    return b;
  }

  /** Waits (at most 60 s) for a condition, asking the collector to run between tries. */
  private static boolean collectUntil(BooleanSupplier done) {
    return Deadline.in(Duration.ofSeconds(60))
        .poll(
            Duration.ofMillis(20),
            () -> {
              System.gc();
              return done.getAsBoolean();
            });
  }

  @Test
  void droppedViewsGiveTheirMemoryBackWithoutRelease() {
    long peak = 0;
    for (int round = 0; round < 64; round++) { // 64 MiB through a 16 MiB instance
      ObjectId id = writer.put(filled(MIB, round));
      ByteBuffer got = (ByteBuffer) reader.get(id);
      assertEquals((byte) round, got.get(MIB - 1));
      writer.delete(id);
      peak = Math.max(peak, used());
      if (used() > 8L * MIB) {
        // the reader dropped its buffers; let the collector find them
        assertTrue(collectUntil(() -> used() <= MIB), "memory in use stays at " + used());
      }
    }
    assertTrue(peak <= 9L * MIB, "peak " + peak);
    assertTrue(collectUntil(() -> used() == 0), "memory in use stays at " + used());
  }

  @Test
  void manyViewsCollectedAtOnceAreAllReleased() {
    List<ObjectId> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      ObjectId id = writer.put(filled(16, i));
      assertEquals((byte) i, ((ByteBuffer) reader.get(id)).get(15));
      ids.add(id);
    }
    writer.delete(ids.toArray(ObjectId[]::new));
    assertTrue(
        collectUntil(() -> reader.exists(ObjectId.EMPTY_BLOB) && used() == 0), "used " + used());
  }

  @Test
  @Timeout(
      value = 60,
      threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a blocked write ignores interrupts
  void twentyThousandReleasesInOneCallDoNotBlockTheSocket() {
    // written all at once, 20000 requests and their answers would fill the socket both ways: the
    // client blocked writing, the server blocked answering
    List<ObjectId> notHeld = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      notHeld.add(ObjectId.of(0x8000_0000_0000_1000L + i));
    }
    // none of them is held: each is refused by the server, which is no error for the caller
    reader.release(notHeld);
    assertTrue(reader.exists(ObjectId.EMPTY_BLOB), "the connection is still in step");
  }

  @Test
  void aSliceKeepsTheBlobAfterItsViewIsDropped() {
    ObjectId kept = writer.put(filled(MIB, 5));
    ObjectId canary = writer.put(filled(MIB, 6));
    Blob view = reader.getObject(kept, Blob.class);
    ByteBuffer slice = view.buffer().slice(1000, 10);
    WeakReference<Blob> viewGone = new WeakReference<>(view);
    view = null;
    reader.get(canary); // dropped at once
    writer.delete(kept, canary);
    // the canary's release shows the collector and the cleaner have run; the view is gone too
    assertTrue(collectUntil(() -> used() <= MIB && viewGone.get() == null), "used " + used());
    reader.exists(kept); // any request carries due releases: none may be for the slice's blob
    assertEquals(MIB, used(), "the slice holds its blob");
    assertEquals(5, slice.get(9));
    slice = null;
    assertTrue(collectUntil(() -> used() == 0), "used " + used());
  }

  @Test
  void twoViewsOfOneBlobReleaseItWhenBothAreClosed() {
    ObjectId id = writer.put(filled(MIB, 9));
    Blob first = reader.getObject(id, Blob.class);
    Blob second = reader.getObject(id, Blob.class);
    writer.delete(id);
    first.close();
    reader.exists(id); // carries any release due
    assertEquals(MIB, used());
    assertEquals(9, second.buffer().get(77));
    second.close();
    first.close(); // idempotent
    reader.exists(id);
    assertEquals(0, used());
  }

  @Test
  void readingAfterCloseFailsClearly() {
    ObjectId id = writer.put(filled(1000, 3));
    Blob view = reader.getObject(id, Blob.class);
    ByteBuffer buffer = view.buffer();
    ByteBuffer slice = buffer.slice(10, 10);
    view.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, view::segment);
    assertTrue(
        e.getMessage().contains(id.toString()) && e.getMessage().contains("closed"),
        e.getMessage());
    assertThrows(IllegalStateException.class, () -> buffer.get(0));
    assertThrows(IllegalStateException.class, () -> slice.get(0));
    assertEquals(3, ((ByteBuffer) reader.get(id)).get(999), "a new get reads it again");
  }

  @Test
  void anIdleReaderReleasesWithoutAnotherRequest() {
    ObjectId id = writer.put(filled(MIB, 1));
    reader.getObject(id, Blob.class).close();
    writer.delete(id);
    // the reader sends nothing more: its release goes out on its own shortly after the close
    assertTrue(collectUntil(() -> used() == 0), "used " + used());
  }

  @Test
  void explicitReleaseStillWorks() {
    ObjectId id = writer.put(filled(MIB, 2));
    ByteBuffer kept = (ByteBuffer) reader.get(id);
    reader.release(List.of(id));
    writer.delete(id);
    assertEquals(0, used(), "released explicitly: freed with the delete");
    reader.release(List.of(id)); // released already: nothing left to release, no error
    assertEquals(MIB, kept.capacity());
  }

  @Test
  void closingTheClientInvalidatesViewsItsUserStillHolds() {
    ObjectId id = writer.put(filled(100, 4));
    ByteBuffer got = (ByteBuffer) reader.get(id);
    Blob view = reader.getObject(id, Blob.class);
    reader.close();
    assertThrows(IllegalStateException.class, () -> got.get(0));
    assertThrows(IllegalStateException.class, view::segment);
    writer.delete(id);
    assertEquals(0, used(), "the server dropped the closed client's references");
  }
}
