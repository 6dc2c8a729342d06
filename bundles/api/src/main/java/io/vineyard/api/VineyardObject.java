package io.vineyard.api;

/**
 * A typed, read-only view of an object in the store, as {@link VineyardClient#getObject} returns.
 *
 * <p>Plugins provide the concrete views (a blob, an array, a pair, ...); an object whose typename
 * no plugin knows comes back as a generic view over its metadata.
 *
 * <p><b>Lifetime.</b> A view that maps payload memory holds its client's reference to each blob it
 * reads, so the instance keeps those blobs (even when the object is deleted) for as long as the
 * view, or any segment or buffer made from it, is reachable. {@link #close()} gives the references
 * back at once and invalidates those segments and buffers (access then throws {@link
 * IllegalStateException}); a view that is simply dropped is released once the garbage collector
 * finds it unreachable. Closing the client invalidates all its views.
 */
public interface VineyardObject extends AutoCloseable {

  /** The object's metadata tree. */
  ObjectMeta meta();

  /** The object's ID. */
  default ObjectId id() {
    return meta().id();
  }

  /** The full type name, e.g. {@code vineyard::Blob}. */
  default String typename() {
    return meta().typename();
  }

  /** The payload size in bytes. */
  default long nbytes() {
    return meta().nbytes();
  }

  /**
   * Gives back this view's blob references (members' included) and invalidates every segment and
   * buffer made from it. Idempotent; views without payload have nothing to close.
   */
  @Override
  default void close() {}

  /** The text form {@code Object <"o…": typename>}, as other Vineyard clients print objects. */
  static String describe(VineyardObject o) {
    return "Object <\"" + o.id() + "\": " + o.typename() + ">";
  }
}
