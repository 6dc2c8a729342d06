package io.vineyard.meta;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import java.util.List;
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
}
