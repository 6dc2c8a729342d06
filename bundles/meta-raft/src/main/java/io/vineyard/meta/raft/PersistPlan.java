package io.vineyard.meta.raft;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
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
 * non-blob member not yet global, each as its own object, all with {@code transient: false}
 * (nested copies included). Blob members stay as they are: their payload never leaves the instance.
 *
 * <p>A member that is neither here nor global must be another instance's transient object: that
 * fails with {@code Invalid} naming the member, since only its own instance can persist it.
 */
final class PersistPlan {
  private final ObjectId root;
  private final long self;
  private final Function<ObjectId, Optional<ObjectNode>> local;
  private final Predicate<ObjectId> global;
  private final Map<ObjectId, ObjectNode> trees = new LinkedHashMap<>();

  private PersistPlan(ObjectId root, long self, Function<ObjectId, Optional<ObjectNode>> local, Predicate<ObjectId> global) {
    this.root = root;
    this.self = self;
    this.local = local;
    this.global = global;
  }

  /**
   * Collects what persisting {@code tree} commits.
   *
   * @param tree the object's tree (not modified)
   * @param self this instance's ID
   * @param local this instance's transient trees (copies)
   * @param global whether an object is global already
   */
  static List<ObjectNode> collect(ObjectNode tree, long self, Function<ObjectId, Optional<ObjectNode>> local,
      Predicate<ObjectId> global) {
    ObjectId id = Trees.id(tree);
    PersistPlan plan = new PersistPlan(id, self, local, global);
    ObjectNode copy = tree.deepCopy();
    plan.walk(copy, "");
    plan.trees.put(id, copy);
    return new ArrayList<>(plan.trees.values());
  }

  private void walk(ObjectNode node, String path) {
    node.put("transient", false);
    for (Map.Entry<String, ObjectNode> m : Trees.members(node)) {
      ObjectNode member = m.getValue();
      ObjectId id = Trees.id(member);
      if (id.isBlob()) {
        continue;
      }
      String where = path + "/" + m.getKey();
      if (global.test(id)) {
        walk(member, where); // already global: only the nested copy is marked
        continue;
      }
      Optional<ObjectNode> mine = local.apply(id);
      long owner = Trees.instanceOf(member);
      if (mine.isEmpty() && owner >= 0 && owner != self) {
        throw new VineyardException.Invalid("cannot persist " + root + ": member '" + where + "' (" + id
            + ") is a transient object of instance " + owner + "; persist it there first");
      }
      walk(member, where);
      if (!trees.containsKey(id)) {
        ObjectNode standalone = mine.orElse(member).deepCopy();
        walk(standalone, where);
        trees.put(id, standalone);
      }
    }
  }
}
