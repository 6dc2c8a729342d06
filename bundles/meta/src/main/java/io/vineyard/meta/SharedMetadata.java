package io.vineyard.meta;

import io.vineyard.api.ObjectId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What is global: persisted objects, names and labels. "Global" is the cluster's replicated
 * metadata, or a lone instance's durable store; callers need not know which. Changes return once
 * they are committed (on a majority, in a cluster). Implementations are thread-safe.
 */
@ProviderType
public interface SharedMetadata {

  /**
   * Makes an object global: its tree, members included (recursively; blobs stay where they are), is
   * committed to the metadata every instance sees, with {@code transient: false}. Persisting a
   * persisted object does nothing.
   *
   * @throws io.vineyard.api.VineyardException.ObjectNotExists when the object is unknown
   * @throws io.vineyard.api.VineyardException.AssertionFailed for a blob alone
   * @throws io.vineyard.api.VineyardException.ConnectionError when the commit cannot be made in
   *     bounded time (no quorum)
   */
  void persist(ObjectId id);

  /** Whether the object is global (persisted). */
  boolean isPersisted(ObjectId id);

  /**
   * Names a persisted object; a name already taken now names this object.
   *
   * @throws io.vineyard.api.VineyardException.Invalid for a blob or a transient object
   * @throws io.vineyard.api.VineyardException.ObjectNotExists when the object is unknown
   */
  void putName(String name, ObjectId id);

  /**
   * Labels an object: its tree gets {@code __labels}, merged with the labels it has (a key labelled
   * again takes the new value). Labels of a persisted object are global and this returns once they
   * are committed; labels of a transient object stay with this instance.
   *
   * @throws io.vineyard.api.VineyardException.ObjectNotExists when the object is unknown
   * @throws io.vineyard.api.VineyardException.Invalid for a blob
   * @throws io.vineyard.api.VineyardException.ConnectionError when a global change cannot be
   *     committed in bounded time (no quorum)
   */
  void label(ObjectId id, Map<String, String> labels);

  /**
   * The object a name refers to, waiting up to {@code timeout} for it to appear (zero: no wait).
   */
  Optional<ObjectId> getName(String name, Duration timeout);

  /** Names whose text matches, at most {@code limit}, sorted. */
  Map<String, ObjectId> listNames(Predicate<String> matches, int limit);

  /**
   * Brings this instance's view of the global metadata up to every change committed anywhere before
   * the call: a read index in a cluster (one round trip to the leader), nothing on a lone instance.
   * {@code get_data} with {@code sync_remote} calls it first.
   *
   * @return whether the view is known to be current (false: no leader answered in time; the view is
   *     the replica's as it is)
   */
  default boolean sync() {
    return true;
  }

  /** Removes a name; false when there was none. */
  boolean dropName(String name);
}
