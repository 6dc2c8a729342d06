package io.vineyard.server.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The locks of an instance: a key is held by at most one connection at a time, until it releases it
 * or goes away. Thread-safe.
 *
 * <p>Scope: this instance's connections. vineyardd keeps its locks in its metadata backend (etcd or
 * Redis), so they exclude clients of every instance; here a cluster-wide lock needs an entry in the
 * replicated metadata, compare-and-set on it, and release when the holding instance leaves the
 * cluster, which the metadata service does not offer yet (see docs/protocol.md).
 */
final class LockTable {
  private final Map<String, Long> holders = new HashMap<>();

  /** Takes the lock for {@code connection} unless another connection holds it; never waits. */
  synchronized boolean acquire(String key, long connection) {
    Long holder = holders.putIfAbsent(key, connection);
    return holder == null || holder == connection;
  }

  /** Releases the lock if {@code connection} holds it; returns whether it did. */
  synchronized boolean release(String key, long connection) {
    return holders.remove(key, connection);
  }

  /** A connection went away: its locks are free again. */
  synchronized void releaseAll(long connection) {
    holders.values().removeIf(c -> c == connection);
  }
}
