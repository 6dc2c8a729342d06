package io.vineyard.meta;

import io.vineyard.api.ObjectId;

/**
 * Cluster-unique IDs without coordination (DESIGN §2): a snowflake layout
 * {@code (ms & 41 bits) << 22 | (instance & 10 bits) << 12 | sequence (12 bits)}, then the top bit
 * set for blobs and cleared for other objects. Thread-safe; at most 4096 IDs per millisecond,
 * after which it moves on to the next millisecond (never backwards, even if the clock does).
 */
public final class IdGenerator {
  private static final long TIME_MASK = (1L << 41) - 1;
  private static final long INSTANCE_MASK = (1L << 10) - 1;
  private static final long SEQUENCE_MASK = (1L << 12) - 1;

  private final long instance;
  private long lastMillis;
  private long sequence;

  /** A generator for one instance (only its low 10 bits are used). */
  public IdGenerator(long instanceId) {
    this.instance = instanceId & INSTANCE_MASK;
  }

  private synchronized long next() {
    long now = Math.max(System.currentTimeMillis(), lastMillis);
    if (now == lastMillis) {
      sequence = (sequence + 1) & SEQUENCE_MASK;
      if (sequence == 0) {
        now = lastMillis + 1; // sequence exhausted: borrow the next millisecond
      }
    } else {
      sequence = 0;
    }
    lastMillis = now;
    return ((now & TIME_MASK) << 22) | (instance << 12) | sequence;
  }

  /** A new ID for a non-blob object (top bit clear). */
  public ObjectId nextObjectId() {
    return ObjectId.of(next() & ~ObjectId.BLOB_BIT);
  }

  /** A new blob ID (top bit set); never the empty blob's. */
  public ObjectId nextBlobId() {
    long v = next() | ObjectId.BLOB_BIT;
    return ObjectId.of(v == ObjectId.BLOB_BIT ? v + 1 : v);
  }

  /** A new signature (same uniqueness as IDs). */
  public long nextSignature() {
    return next() & ~ObjectId.BLOB_BIT;
  }
}
