package io.vineyard.meta;

import io.vineyard.api.ObjectId;

/**
 * Cluster-unique IDs without coordination (DESIGN §2), in {@link ObjectId}'s layout. Thread-safe;
 * at most {@link ObjectId#SEQUENCE_SIZE} IDs per millisecond, after which it moves on to the next
 * millisecond (never backwards, even if the clock does). The sequence runs on across milliseconds
 * (it does not restart at 0), so consecutive IDs differ in their low bits.
 */
public final class IdGenerator {
  private final long instance;
  private long lastMillis;
  private int sequence;
  private int issuedThisMillisecond;

  /** A generator for one instance (only its low 10 bits are used). */
  public IdGenerator(long instanceId) {
    this.instance = instanceId;
  }

  private synchronized ObjectId next(boolean blob) {
    long now = Math.max(System.currentTimeMillis(), lastMillis);
    if (now != lastMillis) {
      lastMillis = now;
      issuedThisMillisecond = 0;
    } else if (issuedThisMillisecond == ObjectId.SEQUENCE_SIZE) {
      lastMillis = ++now; // every sequence value used in this millisecond: borrow the next one
      issuedThisMillisecond = 0;
    }
    // the sequence keeps running across milliseconds, as vineyardd's does: some clients compare IDs
    // by truncated differences, and IDs whose low bits repeat every millisecond confuse them
    sequence = (sequence + 1) % ObjectId.SEQUENCE_SIZE;
    issuedThisMillisecond++;
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
