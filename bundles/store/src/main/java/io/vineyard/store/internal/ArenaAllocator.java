package io.vineyard.store.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.settings.Sizes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Hands out 64-byte aligned ranges of {@code [0, capacity)}, best fit, coalescing freed ranges with
 * their free neighbours. Not thread-safe: the store's lock guards it.
 *
 * <p>Best fit, lowest offset first, keeps the large untouched tail of a fresh arena for large blobs
 * and reuses freed (already resident) pages first. It also remembers which free bytes were freed
 * since the last {@link #takeTrimmable}: those may hold resident pages worth handing back.
 */
final class ArenaAllocator {
  /** Every allocation starts at, and is rounded up to, a multiple of this. */
  static final long ALIGNMENT = 64;

  private static final Comparator<Range> BY_SIZE =
      Comparator.comparingLong(Range::size).thenComparingLong(Range::offset);

  private final long capacity;
  private final TreeMap<Long, Long> freeByOffset = new TreeMap<>(); // offset -> size
  private final TreeSet<Range> freeBySize = new TreeSet<>(BY_SIZE);
  private final RangeSet freedSinceTrim = new RangeSet();
  private long used;

  /** An allocator over {@code capacity} bytes rounded down to the alignment. */
  ArenaAllocator(long capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity " + capacity);
    }
    this.capacity = capacity & -ALIGNMENT;
    if (this.capacity > 0) {
      addFree(0, this.capacity);
    }
  }

  /** {@code size} rounded up to the alignment; sizes beyond the capacity need no exact value. */
  static long align(long size) {
    return size > Long.MAX_VALUE - ALIGNMENT
        ? Long.MAX_VALUE & -ALIGNMENT
        : (size + ALIGNMENT - 1) & -ALIGNMENT;
  }

  /**
   * Allocates {@code size} (> 0) bytes, rounded up; returns the offset, or -1 when no range fits.
   */
  long tryAllocate(long size) {
    if (size <= 0) {
      throw new IllegalArgumentException("allocation size must be positive, was " + size);
    }
    long need = align(size);
    if (need > capacity - used) {
      return -1;
    }
    Range fit = freeBySize.ceiling(new Range(Long.MIN_VALUE, need));
    if (fit == null) {
      return -1;
    }
    removeFree(fit);
    if (fit.size() > need) {
      addFree(fit.offset() + need, fit.size() - need);
    }
    used += need;
    freedSinceTrim.remove(fit.offset(), fit.offset() + need);
    return fit.offset();
  }

  /**
   * Takes the given range (a blob kept from an earlier run) out of the free ranges.
   *
   * @throws IllegalStateException when the range is not wholly free (the index that named it is
   *     corrupt)
   */
  void reserve(long offset, long size) {
    long need = align(size);
    Map.Entry<Long, Long> f = freeByOffset.floorEntry(offset);
    if (size <= 0
        || offset % ALIGNMENT != 0
        || f == null
        || f.getKey() + f.getValue() < offset + need) {
      throw new IllegalStateException(
          "range [" + offset + ", " + (offset + need) + ") is not free");
    }
    long start = f.getKey();
    long end = start + f.getValue();
    removeFree(new Range(start, f.getValue()));
    if (offset > start) {
      addFree(start, offset - start);
    }
    if (end > offset + need) {
      addFree(offset + need, end - offset - need);
    }
    used += need;
  }

  /**
   * Allocates {@code size} (> 0) bytes, rounded up; returns the offset.
   *
   * @throws VineyardException.NotEnoughMemory saying whether space or a large enough range is
   *     missing
   */
  long allocate(long size) {
    long offset = tryAllocate(size);
    if (offset < 0) {
      throw new VineyardException.NotEnoughMemory(shortage(size, used, capacity, largestFree()));
    }
    return offset;
  }

  /**
   * Frees a range {@link #allocate} returned for {@code size}; coalesces it with free neighbours.
   *
   * @throws IllegalStateException when the range is not wholly allocated (a double free)
   */
  void free(long offset, long size) {
    long len = align(size);
    if (size <= 0 || offset < 0 || offset % ALIGNMENT != 0 || len > capacity - offset) {
      throw new IllegalStateException("not an allocation: offset " + offset + ", size " + size);
    }
    long start = offset;
    long end = offset + len;
    Map.Entry<Long, Long> before = freeByOffset.floorEntry(offset);
    Map.Entry<Long, Long> after = freeByOffset.ceilingEntry(offset);
    if ((before != null && before.getKey() + before.getValue() > offset)
        || (after != null && after.getKey() < end)) {
      throw new IllegalStateException(
          "double free: [" + offset + ", " + end + ") overlaps a free range");
    }
    if (before != null && before.getKey() + before.getValue() == offset) {
      start = before.getKey();
      removeFree(new Range(before.getKey(), before.getValue()));
    }
    if (after != null && after.getKey() == end) {
      end = after.getKey() + after.getValue();
      removeFree(new Range(after.getKey(), after.getValue()));
    }
    addFree(start, end - start);
    used -= len;
    freedSinceTrim.add(offset, offset + len);
  }

  /**
   * Gives back the tail of an allocation of {@code oldSize} bytes at {@code offset} so that it
   * keeps {@code newSize} bytes (at least one alignment unit stays allocated: a blob shrunk to
   * nothing still has its place until it is freed with {@code newSize}); the tail joins the free
   * ranges at once and may be allocated again.
   *
   * @return the bytes given back
   * @throws IllegalStateException when {@code newSize} is larger than {@code oldSize}
   */
  long shrink(long offset, long oldSize, long newSize) {
    if (newSize > oldSize || newSize < 0) {
      throw new IllegalStateException(
          "cannot shrink an allocation of " + oldSize + " bytes to " + newSize);
    }
    long keep = align(Math.max(newSize, 1));
    long had = align(oldSize);
    if (keep >= had) {
      return 0;
    }
    free(offset + keep, had - keep);
    return had - keep;
  }

  /**
   * The page-aligned free ranges that cover what was freed since the last call, then forgets it. A
   * page is included only when it is wholly free; the caller punches these out of the file.
   */
  List<Range> takeTrimmable(long pageSize) {
    RangeSet pages = new RangeSet();
    for (Range d : freedSinceTrim.ranges()) {
      Map.Entry<Long, Long> f = freeByOffset.floorEntry(d.offset());
      long start = Math.max(floor(d.offset(), pageSize), ceil(f.getKey(), pageSize));
      long end = Math.min(ceil(d.end(), pageSize), floor(f.getKey() + f.getValue(), pageSize));
      pages.add(start, end);
    }
    freedSinceTrim.clear();
    return pages.ranges();
  }

  long capacity() {
    return capacity;
  }

  long used() {
    return used;
  }

  /** The size of the largest free range: the largest allocation that can succeed. */
  long largestFree() {
    return freeBySize.isEmpty() ? 0 : freeBySize.last().size();
  }

  /** The free ranges, by offset. */
  List<Range> freeRanges() {
    List<Range> out = new ArrayList<>(freeByOffset.size());
    freeByOffset.forEach((o, s) -> out.add(new Range(o, s)));
    return out;
  }

  /** The bytes freed since the last {@link #takeTrimmable}, still free. */
  long freedSinceTrim() {
    return freedSinceTrim.total();
  }

  /** The message for an allocation of {@code size} that did not fit. */
  static String shortage(long size, long used, long limit, long largestFree) {
    long free = limit - used;
    String why =
        align(size) <= free
            ? "; free space is fragmented: "
                + Sizes.format(free)
                + " free in total, but the largest free range is "
                + Sizes.format(largestFree)
            : "";
    return "not enough memory: requested "
        + size
        + " bytes ("
        + Sizes.format(size)
        + "), "
        + used
        + " of "
        + limit
        + " bytes in use ("
        + Sizes.format(used)
        + " of "
        + Sizes.format(limit)
        + ")"
        + why
        + "; raise --size";
  }

  private void addFree(long offset, long size) {
    freeByOffset.put(offset, size);
    freeBySize.add(new Range(offset, size));
  }

  private void removeFree(Range r) {
    freeByOffset.remove(r.offset());
    freeBySize.remove(r);
  }

  private static long floor(long x, long page) {
    return x - Math.floorMod(x, page);
  }

  private static long ceil(long x, long page) {
    return floor(x + page - 1, page);
  }
}
