package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.itests.programs.ViewClient;
import io.vineyard.settings.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reader that never releases: two client processes against one runtime of 32 MiB, a writer that
 * puts 1 MiB values and deletes each once read, a reader that gets each one and drops what it got
 * (no release, no close). Ten times the runtime's memory goes through it. The reader's JVM has a
 * heap far larger than what the dropped views take on it, so the test asks it to collect every 16
 * rounds ({@code System.gc()}), as a busy reader's own allocations would, and waits until the
 * memory of what it dropped is back (the cleaner and the releases run on their own threads, later
 * on a loaded machine). Prints the highest memory in use of every 40 rounds. One runtime and one
 * pair of clients serve every test; each test leaves no memory in use.
 */
class ForgottenViewsTest {
  static final long MIB = 1 << 20;
  static final int ROUNDS = 320; // 10 x --size
  static final int COLLECT_EVERY = 16;

  static RuntimeProcess rt;
  static InteractiveClient writer;
  static InteractiveClient reader;

  @BeforeAll
  static void start() throws Exception {
    rt = RuntimeProcess.start("32M");
    writer = InteractiveClient.start("256m", ViewClient.class, rt.socket.toString());
    reader = InteractiveClient.start("256m", ViewClient.class, rt.socket.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    try (RuntimeProcess r = rt;
        InteractiveClient w = writer;
        InteractiveClient c = reader) {
      // all three, whichever of them started
    }
  }

  @AfterEach
  void nothingLeft() {
    assertTrue(waitUsed(0), "a test left memory in use");
  }

  @ParameterizedTest
  @ValueSource(strings = {"blob", "array", "tensor", "pair"})
  void aReaderThatDropsItsViewsKeepsMemoryBounded(String kind) throws Exception {
    long peak = 0;
    long windowPeak = 0;
    List<Long> curve = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      String id = writer.ask("put " + kind + " " + round);
      // typed objects alternate between the value (get) and the typed view (getObject)
      String how = kind.equals("blob") || round % 2 == 0 ? "get" : "view";
      int expected = kind.equals("blob") ? (byte) round : round;
      assertEquals(Integer.toString(expected), reader.ask(how + " " + id), "round " + round);
      long used = Long.parseLong(writer.ask("delete " + id));
      peak = Math.max(peak, used);
      windowPeak = Math.max(windowPeak, used);
      if (round % 40 == 39) {
        curve.add(windowPeak / MIB);
        windowPeak = 0;
      }
      if (round % COLLECT_EVERY == COLLECT_EVERY - 1) {
        reader.ask("gc");
        assertTrue(waitUsed(0), "round " + round + ": the dropped views are released");
      }
    }
    reader.ask("gc");
    assertTrue(waitUsed(0), "all memory comes back once the reader's views are collected");
    System.out.printf(
        "forgotten %s views, %d rounds of 1 MiB through 32 MiB: highest MiB in use per 40 rounds"
            + " %s, peak %d MiB%n",
        kind, ROUNDS, curve, peak / MIB);
    assertTrue(peak <= COLLECT_EVERY * MIB, "peak " + peak + " bytes");
  }

  @Test
  void aSliceKeepsItsBlobAfterTheViewIsCollected() throws Exception {
    String id = writer.ask("put blob 42");
    reader.ask("slice " + id); // returns once the view itself has been collected
    writer.ask("delete " + id);
    reader.ask("gc");
    String canary = writer.ask("put blob 1");
    reader.ask("get " + canary);
    writer.ask("delete " + canary);
    reader.ask("gc");
    // once the canary's memory is back, the reader has collected and released what it dropped
    assertTrue(waitUsed(MIB), "the canary's blob is released");
    assertEquals("42", reader.ask("readslice"), "the slice reads its blob");
    assertEquals(Long.toString(MIB), writer.ask("used"), "the slice holds the deleted blob");
    reader.ask("dropslice");
    assertTrue(waitUsed(0), "dropping the slice releases the blob");
  }

  @Test
  void readingATypedViewAfterCloseFailsClearly() throws Exception {
    for (String kind : List.of("blob", "array", "tensor", "pair")) {
      String id = writer.ask("put " + kind + " 7");
      String answer = reader.ask("closed " + id);
      assertTrue(
          answer.startsWith("threw java.lang.IllegalStateException") && answer.contains("closed"),
          kind + ": " + answer);
      writer.ask("delete " + id);
      assertTrue(waitUsed(0), kind + ": close released the view's blobs");
    }
  }

  /**
   * Waits (at most 60 s) until the runtime's memory in use is {@code bytes}, asking the reader to
   * collect between tries.
   */
  private static boolean waitUsed(long bytes) {
    return Deadline.in(Duration.ofSeconds(60))
        .poll(
            Duration.ofMillis(20),
            () -> {
              try {
                if (Long.parseLong(writer.ask("used")) == bytes) {
                  return true;
                }
                reader.ask("gc");
                return false;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
