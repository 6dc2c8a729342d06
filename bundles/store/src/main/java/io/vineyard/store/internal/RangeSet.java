package io.vineyard.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A set of bytes kept as disjoint, coalesced ranges. Not thread-safe. */
final class RangeSet {
  private final TreeMap<Long, Long> ends = new TreeMap<>(); // start -> end (exclusive)
  private long total;

  /** Adds {@code [start, end)}, merging with ranges it overlaps or touches. */
  void add(long start, long end) {
    if (end <= start) {
      return;
    }
    Map.Entry<Long, Long> before = ends.floorEntry(start);
    if (before != null && before.getValue() >= start) {
      start = before.getKey();
      end = Math.max(end, before.getValue());
      remove(before.getKey());
    }
    for (Map.Entry<Long, Long> next = ends.ceilingEntry(start);
        next != null && next.getKey() <= end;
        next = ends.ceilingEntry(start)) {
      end = Math.max(end, next.getValue());
      remove(next.getKey());
    }
    ends.put(start, end);
    total += end - start;
  }

  /** Removes {@code [start, end)}, splitting ranges it cuts. */
  void remove(long start, long end) {
    if (end <= start) {
      return;
    }
    Map.Entry<Long, Long> before = ends.lowerEntry(start);
    if (before != null && before.getValue() > start) {
      long oldEnd = before.getValue();
      remove(before.getKey());
      put(before.getKey(), start);
      put(end, oldEnd);
    }
    for (Map.Entry<Long, Long> next = ends.ceilingEntry(start);
        next != null && next.getKey() < end;
        next = ends.ceilingEntry(start)) {
      remove(next.getKey());
      put(end, next.getValue());
    }
  }

  private void remove(long start) {
    total -= ends.remove(start) - start;
  }

  private void put(long start, long end) {
    if (end > start) {
      ends.put(start, end);
      total += end - start;
    }
  }

  /** The ranges, by offset. */
  List<Range> ranges() {
    List<Range> out = new ArrayList<>(ends.size());
    ends.forEach((s, e) -> out.add(new Range(s, e - s)));
    return out;
  }

  /** The bytes in the set. */
  long total() {
    return total;
  }

  boolean isEmpty() {
    return ends.isEmpty();
  }

  void clear() {
    ends.clear();
    total = 0;
  }
}
