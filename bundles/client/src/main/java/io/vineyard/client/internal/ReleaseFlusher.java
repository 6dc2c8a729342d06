package io.vineyard.client.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a connection's due releases when nothing else does: releases normally ride ahead of the
 * next request (no round trip of their own); a connection that stays idle for {@link #DELAY_MS}
 * after one fell due sends them on a virtual thread of its own, so a reader that forgets its views
 * and then waits still gives the memory back. No thread exists while nothing is due.
 */
final class ReleaseFlusher {
  /** How long a due release waits for a request to ride on. */
  static final long DELAY_MS = 5;

  private static final System.Logger LOG = System.getLogger(ReleaseFlusher.class.getName());

  private final IpcConnection conn;
  private final AtomicBoolean scheduled = new AtomicBoolean();

  ReleaseFlusher(IpcConnection conn) {
    this.conn = conn;
  }

  /** A release fell due: flush in {@link #DELAY_MS} unless a flush is pending already. */
  void schedule() {
    if (scheduled.compareAndSet(false, true) && !conn.isClosed()) {
      Thread.ofVirtual().name("vineyard-release-" + conn.path()).start(this::flushSoon);
    }
  }

  private void flushSoon() {
    try {
      Thread.sleep(DELAY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduled.set(false);
    try {
      conn.flushDue();
    } catch (RuntimeException e) {
      // a broken or closed connection: the server dropped its references with it
      LOG.log(Level.DEBUG, "releases not sent on " + conn.path() + ": " + e.getMessage());
    }
  }
}
