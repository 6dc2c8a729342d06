package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.store.BlobHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * One allocated blob: where it lives, who created it, whether it is sealed or deleted, and the
 * references each connection holds. Not thread-safe: the store's lock guards it.
 */
final class BlobEntry {
  final ObjectId id;
  final ShmArena arena;
  final long offset;

  /** The size asked for; smaller after a shrink (an unsealed blob giving back its tail). */
  long size;

  final long creator;
  boolean sealed;

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
    return new BlobHandle(id, arena.fd(), offset, size, arena.size(), sealed, creator);
  }
}
