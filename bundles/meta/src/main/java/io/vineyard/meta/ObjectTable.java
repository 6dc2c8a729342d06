package io.vineyard.meta;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The trees an instance knows, by ID: complete trees (members expanded), immutable, so what goes in
 * and what comes out is shared, never copied. Blob payloads are the bulk store's; trees may hold
 * blob members. Implementations are thread-safe.
 */
@ProviderType
public interface ObjectTable {

  /** The ID of the instance this table belongs to. */
  long instanceId();

  /**
   * Stores a new object's tree, which carries its {@code id}.
   *
   * @throws io.vineyard.api.VineyardException.ObjectExists when the ID is taken
   */
  void put(ObjectMeta tree);

  /** The object's tree, if known. */
  Optional<ObjectMeta> get(ObjectId id);

  /** Whether the object is known. */
  boolean contains(ObjectId id);

  /** The trees whose typename matches, at most {@code limit}, in ID order. */
  List<ObjectMeta> list(Predicate<String> typename, int limit);

  /** Removes an object's tree; returns it if it was there. Members are not removed. */
  Optional<ObjectMeta> remove(ObjectId id);

  /** The objects that hold {@code id} as a direct member. */
  Set<ObjectId> referrers(ObjectId id);

  /** The number of objects known. */
  int size();
}
