package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.store.BlobHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * One allocated blob: where it lives, who created it, whether it is sealed or deleted, and the
 * references each connection holds. Not thread-safe: the store's lock guards it.
 *
 * <p>A sealed blob spilled to disk has no place in memory ({@code arena} null) until it is loaded
 * back, maybe elsewhere: its place changes only while nobody references it.
 */
final class BlobEntry {
  final ObjectId id;
  ShmArena arena;
  long offset;

  /** The size asked for; smaller after a shrink (an unsealed blob giving back its tail). */
  long size;

  final long creator;
  boolean sealed;

  /** Its bytes are in its spill file, not in memory. */
  boolean spilled;

  /** Loaded with {@code pin}: never spilled until unpinned. */
  boolean pinned;

  /** Out of the table, kept only until the last reference goes. */
  boolean deleted;

  /** Its memory went back to the arena: nothing may refer to it any more. */
  boolean freed;

  /** connection -> 1 while it holds its (single) reference; connections holding none are absent. */
  final Map<Long, Integer> refs = new HashMap<>(4);

  BlobEntry(ObjectId id, ShmArena arena, long offset, long size, long creator) {
    this.id = id;
    this.arena = arena;
    this.offset = offset;
    this.size = size;
    this.creator = creator;
  }

  /** The bytes this blob takes from its arena. */
  long allocated() {
    return ArenaAllocator.align(size);
  }

  BlobHandle handle() {
    if (spilled) {
      return new BlobHandle(id, -1, 0, size, 0, true, creator);
    }
    return new BlobHandle(id, arena.fd(), offset, size, arena.size(), sealed, creator);
  }
}
