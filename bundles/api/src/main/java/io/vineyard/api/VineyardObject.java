package io.vineyard.api;

/**
 * A typed, read-only view of an object in the store, as {@link VineyardClient#getObject} returns.
 *
 * <p>Plugins provide the concrete views (a blob, an array, a pair, ...); an object whose typename
 * no plugin knows comes back as a generic view over its metadata. Views that map payload memory are
 * valid until the client that made them is closed.
 */
public interface VineyardObject {

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

  /** The text form {@code Object <"o…": typename>}, as other Vineyard clients print objects. */
  static String describe(VineyardObject o) {
    return "Object <\"" + o.id() + "\": " + o.typename() + ">";
  }
}
