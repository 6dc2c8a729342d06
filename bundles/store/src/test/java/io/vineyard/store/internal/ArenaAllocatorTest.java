package io.vineyard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.VineyardException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArenaAllocatorTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 20260101})
  void randomAllocAndFreeKeepInvariants(long seed) {
    Random rnd = new Random(seed);
    ArenaAllocator a = new ArenaAllocator(1 << 20);
    List<Range> live = new ArrayList<>();
    for (int step = 0; step < 5000; step++) {
      if (live.isEmpty() || rnd.nextInt(100) < 55) {
        long size = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(200_000) : 1 + rnd.nextInt(8192);
        Range expected = bestFit(a.freeRanges(), ArenaAllocator.align(size));
        long offset = a.tryAllocate(size);
        if (expected == null) {
          assertEquals(-1, offset, "no free range fits " + size + " bytes");
        } else {
          assertEquals(expected.offset(), offset, "best fit, lowest offset first");
          live.add(new Range(offset, size));
        }
      } else {
        Range r = live.remove(rnd.nextInt(live.size()));
        a.free(r.offset(), r.size());
      }
      checkInvariants(a, live);
    }
    live.forEach(r -> a.free(r.offset(), r.size()));
    assertEquals(
        List.of(new Range(0, 1 << 20)),
        a.freeRanges(),
        "everything freed coalesces into one range");
    assertEquals(0, a.used());
  }

  @Test
  void exactFitTakesTheWholeRange() {
    ArenaAllocator a = new ArenaAllocator(4096);
    long x = a.allocate(1024);
    long y = a.allocate(1000);
    long z = a.allocate(4096 - 2048);
    a.free(y, 1000);
    assertEquals(y, a.allocate(1024), "the 1024-byte hole is reused exactly");
    assertTrue(a.freeRanges().isEmpty());
    assertEquals(4096, a.used());
    a.free(x, 1024);
    a.free(z, 2048);
    a.free(y, 1024);
    assertEquals(List.of(new Range(0, 4096)), a.freeRanges());
  }

  @Test
  void sizesAreRoundedUpTo64Bytes() {
    ArenaAllocator a = new ArenaAllocator(1000); // capacity rounds down to 960
    assertEquals(960, a.capacity());
    assertEquals(0, a.allocate(1));
    assertEquals(64, a.allocate(65));
    assertEquals(192, a.used());
    assertEquals(192, a.allocate(64));
  }

  @Test
  void fragmentedSpaceThrowsNotEnoughMemoryAndSaysSo() {
    ArenaAllocator a = new ArenaAllocator(64 * 8);
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      offsets.add(a.allocate(64));
    }
    for (int i = 0; i < 8; i += 2) {
      a.free(offsets.get(i), 64);
    }
    assertEquals(256, a.capacity() - a.used(), "half the space is free");
    VineyardException.NotEnoughMemory e =
        assertThrows(VineyardException.NotEnoughMemory.class, () -> a.allocate(128));
    assertTrue(e.getMessage().contains("fragmented"), e.getMessage());
    assertTrue(e.getMessage().contains("largest free range is 64 B"), e.getMessage());
    assertEquals(256, a.used(), "a failed allocation takes nothing");
  }

  @Test
  void tooLargeThrowsNotEnoughMemoryNamingTheLimit() {
    ArenaAllocator a = new ArenaAllocator(1 << 20);
    VineyardException.NotEnoughMemory e =
        assertThrows(VineyardException.NotEnoughMemory.class, () -> a.allocate(2 << 20));
    assertTrue(e.getMessage().contains("requested 2097152 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("0 of 1048576 bytes in use"), e.getMessage());
    assertTrue(e.getMessage().contains("raise --size"), e.getMessage());
    assertEquals(-1, a.tryAllocate(Long.MAX_VALUE));
  }

  @Test
  void doubleFreeIsDetected() {
    ArenaAllocator a = new ArenaAllocator(4096);
    long x = a.allocate(100);
    a.allocate(100);
    a.free(x, 100);
    assertThrows(IllegalStateException.class, () -> a.free(x, 100));
    assertThrows(IllegalStateException.class, () -> a.free(3, 64));
    assertThrows(IllegalStateException.class, () -> a.free(4096, 64));
  }

  @Test
  void trimmableCoversWhollyFreePagesFreedSinceLastTrim() {
    ArenaAllocator a = new ArenaAllocator(64 * 1024);
    long small = a.allocate(100); // [0, 128)
    long big = a.allocate(4000); // [128, 4160)
    long keep = a.allocate(8192); // [4160, 12352)
    assertTrue(a.takeTrimmable(4096).isEmpty(), "nothing freed yet");
    a.free(small, 100);
    assertTrue(a.takeTrimmable(4096).isEmpty(), "page 0 is still partly in use");
    a.free(big, 4000);
    assertEquals(
        List.of(new Range(0, 4096)),
        a.takeTrimmable(4096),
        "page 0 is wholly free now; page 1 is not");
    assertEquals(0, a.freedSinceTrim());
    a.free(keep, 8192);
    assertEquals(
        List.of(new Range(4096, 3 * 4096)),
        a.takeTrimmable(4096),
        "pages 1 to 3, not the untouched tail");
    assertTrue(a.takeTrimmable(4096).isEmpty(), "already trimmed");
    a.allocate(64 * 1024);
    assertEquals(0, a.freedSinceTrim(), "reallocated bytes are no longer trimmable");
  }

  private static Range bestFit(List<Range> free, long need) {
    return free.stream()
        .filter(r -> r.size() >= need)
        .min(Comparator.comparingLong(Range::size).thenComparingLong(Range::offset))
        .orElse(null);
  }

  private static void checkInvariants(ArenaAllocator a, List<Range> live) {
    List<Range> all = new ArrayList<>();
    long freeBytes = 0;
    long largest = 0;
    Range previous = null;
    for (Range f : a.freeRanges()) {
      assertEquals(0, f.offset() % 64, "free range aligned");
      assertEquals(0, f.size() % 64, "free range aligned");
      assertTrue(f.size() > 0);
      if (previous != null) {
        assertTrue(previous.end() < f.offset(), "free ranges are coalesced: " + previous + " " + f);
      }
      previous = f;
      freeBytes += f.size();
      largest = Math.max(largest, f.size());
      all.add(f);
    }
    long usedBytes = 0;
    for (Range r : live) {
      assertEquals(0, r.offset() % 64, "allocation aligned");
      long len = ArenaAllocator.align(r.size());
      usedBytes += len;
      all.add(new Range(r.offset(), len));
    }
    all.sort(Comparator.comparingLong(Range::offset));
    for (int i = 1; i < all.size(); i++) {
      assertTrue(
          all.get(i - 1).end() <= all.get(i).offset(),
          "overlap: " + all.get(i - 1) + " " + all.get(i));
    }
    assertEquals(usedBytes, a.used());
    assertEquals(a.capacity(), freeBytes + usedBytes, "free + used = capacity");
    assertEquals(largest, a.largestFree());
    assertTrue(a.freedSinceTrim() <= freeBytes, "only free bytes are trimmable");
  }
}
