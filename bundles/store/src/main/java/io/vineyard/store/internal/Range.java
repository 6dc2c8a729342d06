package io.vineyard.store.internal;

/**
 * A byte range {@code [offset, offset + size)} of an arena.
 *
 * @param offset the first byte
 * @param size the length in bytes
 */
record Range(long offset, long size) {

  /** The first byte after the range. */
  long end() {
    return offset + size;
  }
}
