package io.vineyard.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The metadata of the objects an instance knows: complete trees (members expanded) by ID.
 *
 * <p>Trees handed in are owned by the service afterwards; trees handed out are copies. Blob
 * payloads are not this service's concern (the bulk store holds them), but trees may contain
 * blob members. Implementations are thread-safe.
 */
@ProviderType
public interface MetadataService {

  /** The ID of the instance this service runs in. */
  long instanceId();

  /**
   * Stores a new object's tree, which carries its {@code id} (text form).
   *
   * @throws io.vineyard.api.VineyardException.ObjectExists when the ID is taken
   */
  void put(ObjectNode tree);

  /** A copy of the object's tree, if known. */
  Optional<ObjectNode> get(ObjectId id);

  /** Whether the object is known. */
  boolean contains(ObjectId id);

  /** Copies of the trees whose typename matches, at most {@code limit}, in ID order. */
  List<ObjectNode> list(Predicate<String> typename, int limit);

  /** Removes an object's tree; returns it if it was there. Members are not removed. */
  Optional<ObjectNode> remove(ObjectId id);

  /** The objects that hold {@code id} as a direct member. */
  Set<ObjectId> referrers(ObjectId id);

  /** The number of objects known. */
  int size();

  /**
   * Makes an object global: its tree, members included (recursively; blobs stay where they are),
   * is committed to the metadata every instance sees, with {@code transient: false}. Returns once
   * the commit is durable (on a majority, in a cluster). Persisting a persisted object does nothing.
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
   * Labels an object: its tree gets {@code __labels}, a JSON object of key to value, merged with
   * the labels it has (a key labelled again takes the new value). Labels of a persisted object are
   * global (committed like a persist: replicated in a cluster, durable on a lone instance) and this
   * returns once they are; labels of a transient object stay with this instance.
   *
   * @throws io.vineyard.api.VineyardException.ObjectNotExists when the object is unknown
   * @throws io.vineyard.api.VineyardException.Invalid for a blob
   * @throws io.vineyard.api.VineyardException.ConnectionError when a global change cannot be
   *     committed in bounded time (no quorum)
   */
  void label(ObjectId id, Map<String, String> labels);

  /** The object a name refers to, waiting up to {@code timeout} for it to appear (zero: no wait). */
  Optional<ObjectId> getName(String name, Duration timeout);

  /** Names whose text matches, at most {@code limit}, sorted. */
  Map<String, ObjectId> listNames(java.util.function.Predicate<String> matches, int limit);

  /** Removes a name; false when there was none. */
  boolean dropName(String name);

  /** The instances of the cluster (a lone instance lists itself). */
  List<InstanceInfo> instances();

  /** How this instance's metadata is doing (role, commit index, ...), for status replies. */
  Map<String, Object> status();
}
