package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The trees one persist commits, in one log entry: the object's tree and, recursively, every
 * non-blob member not yet global, each as its own object, all with {@code transient: false} (nested
 * copies included). Blob members stay as they are: their payload never leaves the instance.
 *
 * <p>A member that is neither here nor global must be another instance's transient object: that
 * fails with {@code Invalid} naming the member, since only its own instance can persist it.
 */
final class PersistPlan {
  private final ObjectId root;
  private final long self;
  private final Function<ObjectId, Optional<ObjectMeta>> local;
  private final Predicate<ObjectId> global;
  private final Map<ObjectId, ObjectMeta> trees = new LinkedHashMap<>();

  private PersistPlan(
      ObjectId root,
      long self,
      Function<ObjectId, Optional<ObjectMeta>> local,
      Predicate<ObjectId> global) {
    this.root = root;
    this.self = self;
    this.local = local;
    this.global = global;
  }

  /**
   * Collects what persisting {@code tree} commits.
   *
   * @param tree the object's tree
   * @param self this instance's ID
   * @param local this instance's transient trees
   * @param global whether an object is global already
   */
  static List<ObjectMeta> collect(
      ObjectMeta tree,
      long self,
      Function<ObjectId, Optional<ObjectMeta>> local,
      Predicate<ObjectId> global) {
    ObjectId id = tree.id();
    PersistPlan plan = new PersistPlan(id, self, local, global);
    ObjectMeta persisted = plan.walk(tree, "");
    plan.trees.put(id, persisted);
    return new ArrayList<>(plan.trees.values());
  }

  /** The tree with transient false, and its members likewise, collecting those not global yet. */
  private ObjectMeta walk(ObjectMeta node, String path) {
    ObjectMeta.Builder out = node.toBuilder().put("transient", false);
    for (Map.Entry<String, ObjectMeta> m : node.members().entrySet()) {
      ObjectMeta member = m.getValue();
      if (!member.has("id") || !member.has("typename")) {
        continue;
      }
      ObjectId id = member.id();
      if (id.isBlob()) {
        continue;
      }
      String where = path + "/" + m.getKey();
      if (global.test(id)) {
        out.member(
            m.getKey(), walk(member, where)); // already global: only the nested copy is marked
        continue;
      }
      Optional<ObjectMeta> mine = local.apply(id);
      long owner = member.instanceId();
      if (mine.isEmpty() && owner >= 0 && owner != self) {
        throw new VineyardException.Invalid(
            "cannot persist "
                + root
                + ": member '"
                + where
                + "' ("
                + id
                + ") is a transient object of instance "
                + owner
                + "; persist it there first");
      }
      out.member(m.getKey(), walk(member, where));
      if (!trees.containsKey(id)) {
        trees.put(id, walk(mine.orElse(member), where));
      }
    }
    return out.build();
  }
}
