package io.vineyard.client.internal;

import io.vineyard.api.ObjectId;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One connection's client-side reference counts on blobs, and the releases they make due.
 *
 * <p>The server holds at most one reference per connection and blob (a dependency, not a count);
 * here every holder of that reference counts once: each live view ({@link BlobLease}), a get still
 * building its views, a sealed writer. When a blob's count falls to zero its ID becomes
 * <em>due</em> for a {@code release_request}; the connection sends due releases ahead of its next
 * request, or a flusher sends them when the connection stays idle ({@link #takeDue()}).
 *
 * <p>Counts taken for a fetch must be taken under the connection's lock, right after the reply
 * ({@link #acquire}), and due IDs are taken under the same lock: so a release never overtakes a
 * get_buffers that took the reference again for a new view. Dropping ({@link #drop}) may happen on
 * any thread (the cleaner's, a closing view's). Thread-safe; the lock is this object's and is held
 * only for map updates.
 */
final class BlobRefs {
  private final Map<ObjectId, int[]> counts = new HashMap<>();
  private final Set<ObjectId> due = new LinkedHashSet<>();
  private final Set<BlobLease.Release> live = new HashSet<>();
  private final Runnable onDue;
  private boolean closed;

  /** {@code onDue} runs (outside the lock) when the first release becomes due. */
  BlobRefs(Runnable onDue) {
    this.onDue = onDue;
  }

  /** Counts one more holder of the connection's reference to {@code id}. */
  synchronized void acquire(ObjectId id) {
    if (closed) {
      return;
    }
    int[] n = counts.get(id);
    if (n == null) {
      counts.put(id, new int[] {1});
      due.remove(id);
    } else {
      n[0]++;
    }
  }

  /** Counts one holder less; at zero the blob's release becomes due. */
  void drop(ObjectId id) {
    boolean first;
    synchronized (this) {
      int[] n = counts.get(id);
      if (closed || n == null) {
        return;
      }
      if (--n[0] > 0) {
        return;
      }
      counts.remove(id);
      first = due.isEmpty();
      due.add(id);
    }
    if (first) {
      onDue.run();
    }
  }

  /** Whether any release is due. */
  synchronized boolean hasDue() {
    return !due.isEmpty();
  }

  /**
   * The IDs whose release is due, forgotten here: the caller sends them now. Call under the
   * connection's lock.
   */
  synchronized List<ObjectId> takeDue() {
    if (due.isEmpty()) {
      return List.of();
    }
    List<ObjectId> out = new ArrayList<>(due);
    due.clear();
    return out;
  }

  /**
   * An explicit release of these IDs: those this connection holds (counted, or due) are forgotten
   * here and returned for the caller to send; the others it holds no reference to (a view that was
   * collected has released it already), so there is nothing to send for them.
   */
  synchronized List<ObjectId> released(List<ObjectId> ids) {
    List<ObjectId> held = new ArrayList<>(ids.size());
    for (ObjectId id : ids) {
      boolean counted = counts.remove(id) != null;
      if (due.remove(id) || counted) {
        held.add(id);
      }
    }
    return held;
  }

  /** The number of holders of {@code id} (0 when none). */
  synchronized int count(ObjectId id) {
    int[] n = counts.get(id);
    return n == null ? 0 : n[0];
  }

  synchronized void track(BlobLease.Release lease) {
    if (!closed) {
      live.add(lease);
    }
  }

  synchronized void untrack(BlobLease.Release lease) {
    live.remove(lease);
  }

  /**
   * The connection is closing: forgets every count and due release (the server drops the
   * connection's references with it) and closes the arena of every view still reachable, so that
   * none of them reads memory about to be unmapped.
   *
   * @return false if some view could not be closed (in use by an I/O operation on another thread):
   *     its memory must stay mapped
   */
  boolean close() {
    List<BlobLease.Release> leases;
    synchronized (this) {
      closed = true;
      counts.clear();
      due.clear();
      leases = new ArrayList<>(live);
      live.clear();
    }
    boolean all = true;
    for (BlobLease.Release lease : leases) {
      Arena arena = lease.arena();
      if (arena != null && arena.scope().isAlive()) {
        try {
          arena.close();
        } catch (IllegalStateException busy) {
          all = false;
        }
      }
    }
    return all;
  }
}
