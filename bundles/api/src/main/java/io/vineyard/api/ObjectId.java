package io.vineyard.api;

/**
 * A 64-bit unsigned object identifier, unique across a Vineyard cluster.
 *
 * <p>The text form is {@code o} followed by 16 lowercase hex digits. Blob IDs have the top bit set;
 * every other object's top bit is clear. On the wire IDs travel as JSON numbers, inside metadata
 * trees as their text form.
 *
 * <p>The bit layout is owned here (DESIGN §2), a snowflake: {@code (ms & 41 bits) << 22 | (instance
 * & 10 bits) << 12 | sequence (12 bits)}, then the top bit set for blobs and cleared for every
 * other object. {@link #compose} builds it, {@link #instance()} reads the creator back.
 *
 * @param value the raw 64 bits, to be read as unsigned
 */
public record ObjectId(long value) implements Comparable<ObjectId> {

  /** The top bit, set on every blob ID. */
  public static final long BLOB_BIT = 1L << 63;

  /** The empty blob (size 0), which every instance holds without creating it. */
  public static final ObjectId EMPTY_BLOB = new ObjectId(BLOB_BIT);

  /** The "no object" marker vineyardd uses (all bits set). */
  public static final ObjectId INVALID = new ObjectId(-1L);

  /** How many IDs one instance makes per millisecond before it borrows the next one. */
  public static final int SEQUENCE_SIZE = 1 << 12;

  private static final long TIME_MASK = (1L << 41) - 1;
  private static final long INSTANCE_MASK = (1L << 10) - 1;

  /**
   * The ID made by {@code instance} (low 10 bits used) at {@code millis} (low 41 bits) with that
   * sequence number (low 12 bits); a blob ID has the top bit set and is never the empty blob's.
   */
  public static ObjectId compose(long millis, long instance, int sequence, boolean blob) {
    long v =
        ((millis & TIME_MASK) << 22)
            | ((instance & INSTANCE_MASK) << 12)
            | (sequence & (SEQUENCE_SIZE - 1));
    if (!blob) {
      return new ObjectId(v & ~BLOB_BIT);
    }
    v |= BLOB_BIT;
    return new ObjectId(v == BLOB_BIT ? v + 1 : v);
  }

  /** The instance that made this ID (its low 10 bits, as the layout keeps them). */
  public long instance() {
    return (value >>> 12) & INSTANCE_MASK;
  }

  /** Returns the ID for the given raw bits. */
  public static ObjectId of(long value) {
    return new ObjectId(value);
  }

  /**
   * Parses the text form {@code o<16 hex digits>} (the {@code o} may be omitted).
   *
   * @throws IllegalArgumentException naming the text when it is not an object ID
   */
  public static ObjectId parse(String text) {
    String hex = text.startsWith("o") ? text.substring(1) : text;
    if (hex.isEmpty() || hex.length() > 16) {
      throw new IllegalArgumentException(
          "not an object id: '" + text + "' (expected o + 16 hex digits)");
    }
    try {
      return new ObjectId(Long.parseUnsignedLong(hex, 16));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not an object id: '" + text + "' (expected o + 16 hex digits)");
    }
  }

  /** Whether this is a blob ID (top bit set). */
  public boolean isBlob() {
    return (value & BLOB_BIT) != 0;
  }

  /** The value as an unsigned decimal string, as IDs appear in JSON numbers. */
  public String toUnsignedString() {
    return Long.toUnsignedString(value);
  }

  @Override
  public int compareTo(ObjectId other) {
    return Long.compareUnsigned(value, other.value);
  }

  /** The text form, {@code o} + 16 lowercase hex digits. */
  @Override
  public String toString() {
    String hex = Long.toHexString(value);
    return "o" + "0".repeat(16 - hex.length()) + hex;
  }
}
