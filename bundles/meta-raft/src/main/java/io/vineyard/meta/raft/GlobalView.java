package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Reads of this instance's replica of the global metadata (immutable trees). */
final class GlobalView {
  private final MetadataStateMachine machine;

  GlobalView(MetadataStateMachine machine) {
    this.machine = machine;
  }

  boolean contains(ObjectId id) {
    return machine.read(g -> g.contains(id));
  }

  Optional<ObjectMeta> get(ObjectId id) {
    return machine.read(g -> g.get(id));
  }

  List<ObjectMeta> list(Predicate<String> typename, int limit) {
    return machine.read(
        g -> {
          List<ObjectMeta> out = new ArrayList<>();
          for (ObjectMeta t : g.trees()) {
            if (out.size() >= limit) {
              break;
            }
            if (typename.test(t.typename())) {
              out.add(t);
            }
          }
          return out;
        });
  }

  Set<ObjectId> referrers(ObjectId id) {
    return machine.read(g -> Set.copyOf(g.referrers(id)));
  }

  int size() {
    return machine.read(GlobalMetadata::size);
  }

  Optional<ObjectId> name(String name) {
    return machine.read(g -> Optional.ofNullable(g.names().get(name)));
  }

  Map<String, ObjectId> names(Predicate<String> matches, int limit) {
    return machine.read(
        g -> {
          Map<String, ObjectId> out = new TreeMap<>();
          for (Map.Entry<String, ObjectId> e : g.names().entrySet()) {
            if (out.size() >= limit) {
              break;
            }
            if (matches.test(e.getKey())) {
              out.put(e.getKey(), e.getValue());
            }
          }
          return out;
        });
  }

  List<InstanceRecord> instances() {
    return machine.read(GlobalMetadata::instances);
  }
}
