package io.vineyard.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vineyard.api.ErrorCode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The stream table's rules, without sockets. */
class StreamTableTest {
  private static final ObjectId S = ObjectId.of(42);
  private final StreamTable table = new StreamTable();
  private final List<ObjectId> disposed = new ArrayList<>();

  private static ObjectId chunk(long n) {
    return ObjectId.of(ObjectId.BLOB_BIT | n);
  }

  private static int code(Runnable r) {
    return assertThrows(VineyardException.class, r::run).code().code();
  }

  @Test
  void chunksComeInOrderAndTheOneReadIsDisposedAtTheNextPull() {
    table.create(S);
    table.push(S, chunk(1));
    ObjectId allocated = table.next(S, c -> true, () -> chunk(2));
    assertEquals(chunk(2), allocated);
    table.push(S, chunk(3));
    table.stop(S, false, c -> true); // hands chunk 2 over, after 1 and 3
    assertEquals(chunk(1), table.pull(S, disposed::add, () -> true));
    assertEquals(chunk(3), table.pull(S, disposed::add, () -> true));
    assertEquals(chunk(2), table.pull(S, disposed::add, () -> true));
    assertEquals(
        ErrorCode.STREAM_DRAINED.code(), code(() -> table.pull(S, disposed::add, () -> true)));
    assertEquals(List.of(chunk(1), chunk(3), chunk(2)), disposed);
    assertEquals(
        ErrorCode.INVALID_STREAM_STATE.code(), code(() -> table.stop(S, false, c -> true)));
    assertEquals(ErrorCode.INVALID_STREAM_STATE.code(), code(() -> table.push(S, chunk(4))));
  }

  @Test
  void aWaitingConsumerIsWokenByAPushOrTheEnd() throws Exception {
    table.create(S);
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<ObjectId> pulled =
        CompletableFuture.supplyAsync(
            () ->
                table.pull(
                    S,
                    disposed::add,
                    () -> {
                      waiting.countDown();
                      return true;
                    }));
    waiting.await(10, TimeUnit.SECONDS);
    assertFalse(pulled.isDone());
    assertEquals(
        ErrorCode.INVALID_STREAM_STATE.code(),
        code(() -> table.pull(S, disposed::add, () -> true)),
        "one consumer waits at a time");
    table.push(S, chunk(1));
    assertEquals(chunk(1), pulled.get(10, TimeUnit.SECONDS));

    CompletableFuture<ObjectId> failed =
        CompletableFuture.supplyAsync(() -> table.pull(S, disposed::add, () -> true));
    table.stop(S, true, c -> true);
    var e = assertThrows(Exception.class, () -> failed.get(10, TimeUnit.SECONDS));
    assertEquals(ErrorCode.STREAM_FAILED, ((VineyardException) e.getCause()).code(), e.toString());
  }

  @Test
  void aConsumerThatLeavesStopsWaiting() throws Exception {
    table.create(S);
    AtomicBoolean present = new AtomicBoolean(true);
    CompletableFuture<ObjectId> pulled =
        CompletableFuture.supplyAsync(() -> table.pull(S, disposed::add, present::get));
    present.set(false);
    var e = assertThrows(Exception.class, () -> pulled.get(10, TimeUnit.SECONDS));
    assertEquals(VineyardException.ConnectionError.class, e.getCause().getClass());
    table.push(S, chunk(1));
    assertEquals(chunk(1), table.pull(S, disposed::add, () -> true), "the stream goes on");
  }

  @Test
  void openDropAndUnknownStreams() {
    table.create(S);
    assertEquals(ErrorCode.OBJECT_EXISTS.code(), code(() -> table.create(S)));
    table.open(S, 1);
    table.open(S, 2);
    assertEquals(ErrorCode.STREAM_OPENED.code(), code(() -> table.open(S, 1)));
    table.push(S, chunk(1));
    table.push(S, chunk(2));
    assertEquals(chunk(1), table.pull(S, disposed::add, () -> true));
    table.drop(S, disposed::add);
    assertEquals(List.of(chunk(2)), disposed, "unread chunks go, the one being read stays");
    assertEquals(
        ErrorCode.STREAM_FAILED.code(), code(() -> table.pull(S, disposed::add, () -> true)));
    assertEquals(
        ErrorCode.INVALID_STREAM_STATE.code(),
        code(() -> table.next(S, c -> true, () -> chunk(9))),
        "a dropped stream takes no chunk");
    assertEquals(
        ErrorCode.OBJECT_NOT_EXISTS.code(), code(() -> table.push(ObjectId.of(7), chunk(1))));
  }
}
