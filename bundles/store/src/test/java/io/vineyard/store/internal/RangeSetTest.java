package io.vineyard.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeSetTest {

  @Test
  void addCoalescesAndRemoveSplits() {
    RangeSet s = new RangeSet();
    s.add(0, 10);
    s.add(10, 20);
    s.add(30, 40);
    assertEquals(List.of(new Range(0, 20), new Range(30, 10)), s.ranges());
    s.remove(5, 35);
    assertEquals(List.of(new Range(0, 5), new Range(35, 5)), s.ranges());
    assertEquals(10, s.total());
    s.clear();
    assertTrue(s.isEmpty());
  }

  @Test
  void agreesWithABitSet() {
    Random rnd = new Random(7);
    RangeSet s = new RangeSet();
    BitSet model = new BitSet();
    for (int i = 0; i < 3000; i++) {
      int start = rnd.nextInt(1000);
      int end = start + rnd.nextInt(60);
      if (rnd.nextBoolean()) {
        s.add(start, end);
        model.set(start, end);
      } else {
        s.remove(start, end);
        model.clear(start, end);
      }
      BitSet actual = new BitSet();
      Range previous = null;
      for (Range r : s.ranges()) {
        assertTrue(previous == null || previous.end() < r.offset(), "disjoint and coalesced");
        actual.set((int) r.offset(), (int) r.end());
        previous = r;
      }
      assertEquals(model, actual);
      assertEquals(model.cardinality(), s.total());
    }
  }
}
