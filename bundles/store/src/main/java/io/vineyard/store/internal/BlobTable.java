package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blobs of a store and the bookkeeping of who references them: the table itself, the deleted
 * blobs still referenced, and per connection what it references and which unsealed blobs it owns.
 * Not thread-safe: the store's lock guards it. Frees nothing itself: the store does.
 */
final class BlobTable {
  private final Map<ObjectId, BlobEntry> live = new HashMap<>();

  /** Deleted from the table but still referenced: found only by their referencing connections. */
  private final Map<ObjectId, BlobEntry> deleted = new HashMap<>();

  private final Map<Long, Connection> connections = new HashMap<>();

  /** What one connection references and owns (by ID, looked up in the table or among deleted). */
  static final class Connection {
    final Set<ObjectId> referenced = new HashSet<>();
    final Set<ObjectId> unsealed = new HashSet<>();

    boolean isEmpty() {
      return referenced.isEmpty() && unsealed.isEmpty();
    }
  }

  /** The blob in the table, or null. */
  BlobEntry live(ObjectId id) {
    return live.get(id);
  }

  /** Whether the ID names a blob, in the table or deleted but still referenced. */
  boolean taken(ObjectId id) {
    return live.containsKey(id) || deleted.containsKey(id);
  }

  int size() {
    return live.size();
  }

  Collection<BlobEntry> liveEntries() {
    return live.values();
  }

  /** Adds a new, unsealed blob, owned by its creator. */
  void add(BlobEntry e) {
    live.put(e.id, e);
    connection(e.creator).unsealed.add(e.id);
  }

  /** Adds a sealed blob kept from an earlier run: nobody owns or references it. */
  void restore(BlobEntry e) {
    e.sealed = true;
    live.put(e.id, e);
  }

  /** Marks a blob sealed: its creator no longer owns it. */
  void seal(BlobEntry e) {
    e.sealed = true;
    Connection c = connections.get(e.creator);
    if (c != null) {
      c.unsealed.remove(e.id);
      forgetIfEmpty(e.creator, c);
    }
  }

  /**
   * Marks {@code connection} as using the blob; idempotent (vineyardd keeps one dependency per
   * connection).
   */
  void addRef(long connection, BlobEntry e) {
    e.refs.put(connection, 1);
    connection(connection).referenced.add(e.id);
  }

  /**
   * Drops the reference of {@code connection} to {@code id}; returns the blob, or null when the
   * connection holds none.
   */
  BlobEntry dropRef(long connection, ObjectId id) {
    Connection c = connections.get(connection);
    if (c == null || !c.referenced.contains(id)) {
      return null;
    }
    BlobEntry e = find(id);
    e.refs.remove(connection);
    c.referenced.remove(id);
    forgetIfEmpty(connection, c);
    return e;
  }

  /** Takes a blob out of the table; while referenced, its connections still find it. */
  void delete(BlobEntry e) {
    live.remove(e.id);
    e.deleted = true;
    if (!e.refs.isEmpty()) {
      deleted.put(e.id, e);
    }
  }

  /** Forgets a blob everywhere, with every reference to it: the store is freeing it. */
  void forget(BlobEntry e) {
    live.remove(e.id);
    deleted.remove(e.id);
    for (Long holder : e.refs.keySet()) {
      Connection c = connections.get(holder);
      if (c != null) {
        c.referenced.remove(e.id);
        forgetIfEmpty(holder, c);
      }
    }
    e.refs.clear();
    Connection owner = connections.get(e.creator);
    if (owner != null) {
      owner.unsealed.remove(e.id);
      forgetIfEmpty(e.creator, owner);
    }
  }

  /**
   * What a departed connection left behind.
   *
   * @param referenced the blobs it referenced (its references are already removed)
   * @param owned the unsealed blobs it created
   */
  record Departed(List<BlobEntry> referenced, List<BlobEntry> owned) {}

  /**
   * Removes a connection and its references from every blob it referenced; returns those blobs and
   * the unsealed blobs it owned, for the store to free what is due. Null when unknown.
   */
  Departed disconnect(long connection) {
    Connection c = connections.remove(connection);
    if (c == null) {
      return null;
    }
    List<BlobEntry> referenced = new ArrayList<>(c.referenced.size());
    for (ObjectId id : c.referenced) {
      BlobEntry e = find(id);
      e.refs.remove(connection);
      referenced.add(e);
    }
    List<BlobEntry> owned = new ArrayList<>(c.unsealed.size());
    for (ObjectId id : c.unsealed) {
      owned.add(find(id));
    }
    return new Departed(referenced, owned);
  }

  /** Forgets everything (the store is closing). */
  void clear() {
    live.clear();
    deleted.clear();
    connections.clear();
  }

  private BlobEntry find(ObjectId id) {
    BlobEntry e = live.get(id);
    return e != null ? e : deleted.get(id);
  }

  private Connection connection(long connection) {
    return connections.computeIfAbsent(connection, k -> new Connection());
  }

  private void forgetIfEmpty(long connection, Connection c) {
    if (c.isEmpty()) {
      connections.remove(connection, c);
    }
  }
}
