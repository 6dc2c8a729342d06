package io.vineyard.meta;

import io.vineyard.api.ObjectId;

/**
 * Cluster-unique IDs without coordination (DESIGN §2), in {@link ObjectId}'s layout. Thread-safe;
 * at most {@link ObjectId#SEQUENCE_SIZE} IDs per millisecond, after which it moves on to the next
 * millisecond (never backwards, even if the clock does).
 */
public final class IdGenerator {
  private final long instance;
  private long lastMillis;
  private int sequence;

  /** A generator for one instance (only its low 10 bits are used). */
  public IdGenerator(long instanceId) {
    this.instance = instanceId;
  }

  private synchronized ObjectId next(boolean blob) {
    long now = Math.max(System.currentTimeMillis(), lastMillis);
    if (now == lastMillis) {
      sequence = (sequence + 1) % ObjectId.SEQUENCE_SIZE;
      if (sequence == 0) {
        now = lastMillis + 1; // sequence exhausted: borrow the next millisecond
      }
    } else {
      sequence = 0;
    }
    lastMillis = now;
    return ObjectId.compose(now, instance, sequence, blob);
  }

  /** A new ID for a non-blob object (top bit clear). */
  public ObjectId nextObjectId() {
    return next(false);
  }

  /** A new blob ID (top bit set); never the empty blob's. */
  public ObjectId nextBlobId() {
    return next(true);
  }

  /** A new signature (same uniqueness as IDs). */
  public long nextSignature() {
    return next(false).value();
  }
}
