package io.vineyard.api.spi;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An object-type plugin: knows one typename family and the Java values that map to it.
 *
 * <p>Plugins are registered as OSGi services (whiteboard, with the service property {@value
 * #TYPENAME_PROPERTY} = {@link #typename()}) and as {@link java.util.ServiceLoader} providers, so
 * one jar serves the runtime and plain JVM clients. Implementations must be stateless and
 * thread-safe.
 */
@ConsumerType
public interface ObjectTypePlugin {

  /** The service property that carries the typename family. */
  String TYPENAME_PROPERTY = "vineyard.typename";

  /**
   * The typename family this plugin handles, e.g. {@code vineyard::Blob} or {@code vineyard::Array}
   * (which covers {@code vineyard::Array<double>} and the rest).
   */
  String typename();

  /** Whether this plugin can put the given Java value. */
  boolean canPut(Object value);

  /**
   * Stores a value: creates its blobs and members through {@code ctx}, then its metadata.
   *
   * @return the metadata of the created object, with its ID
   */
  ObjectMeta put(Object value, PutContext ctx);

  /** Wraps a metadata tree of this family as a typed view. */
  VineyardObject view(ObjectMeta meta, ResolveContext ctx);

  /**
   * Resolves a metadata tree of this family to a Java value (views over shared memory where
   * possible).
   */
  Object resolve(ObjectMeta meta, ResolveContext ctx);

  /**
   * Resolves to a value of the requested Java type: a copy where the caller asks for one (for
   * example a {@code double[]} from an array that would otherwise resolve to a read-only {@code
   * DoubleBuffer}). The default resolves as {@link #resolve} does and checks the type.
   *
   * @throws io.vineyard.api.VineyardException.ObjectTypeError naming both types when this plugin
   *     cannot produce the requested one
   */
  default <T> T resolve(ObjectMeta meta, ResolveContext ctx, Class<T> as) {
    Object value = resolve(meta, ctx);
    if (value != null && !as.isInstance(value)) {
      throw new io.vineyard.api.VineyardException.ObjectTypeError(
          meta.id()
              + " ("
              + meta.typename()
              + ") resolves to "
              + value.getClass().getName()
              + ", not "
              + as.getName());
    }
    return as.cast(value);
  }

  /**
   * Checks a tree before the server stores it; the default accepts every tree.
   *
   * @throws io.vineyard.api.VineyardException.Invalid naming the inconsistent field
   */
  default void validate(ObjectMeta meta) {}

  /** Whether a full typename belongs to a family: equal, or the family followed by {@code <}. */
  static boolean inFamily(String typename, String family) {
    return typename.equals(family)
        || (typename.startsWith(family)
            && typename.length() > family.length()
            && typename.charAt(family.length()) == '<');
  }
}
