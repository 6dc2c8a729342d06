package io.vineyard.meta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.MetadataService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metadata of a lone instance, held in memory: what one runtime without a cluster needs. */
@Component(service = MetadataService.class, configurationPid = "io.vineyard.meta", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LocalMetadataService.Config.class)
public final class LocalMetadataService implements MetadataService {

  /** Configuration of the local metadata service. */
  @ObjectClassDefinition(name = "Vineyard local metadata")
  public @interface Config {
    /** This instance's ID. */
    @AttributeDefinition(description = "This instance's ID (0 for a lone instance)")
    long instance_id() default 0;
  }

  private final Map<ObjectId, ObjectNode> trees = new TreeMap<>();
  private final Map<ObjectId, Set<ObjectId>> referrers = new HashMap<>();
  private long instanceId;

  /** For DS. */
  public LocalMetadataService() {}

  /** For use outside DS. */
  public LocalMetadataService(long instanceId) {
    this.instanceId = instanceId;
  }

  @Activate
  void activate(Config config) {
    this.instanceId = config.instance_id();
  }

  @Override
  public long instanceId() {
    return instanceId;
  }

  @Override
  public synchronized void put(ObjectNode tree) {
    ObjectId id = ObjectId.parse(tree.path("id").asText());
    if (trees.containsKey(id)) {
      throw new VineyardException.ObjectExists("object " + id + " already exists");
    }
    trees.put(id, tree);
    for (ObjectId member : directMembers(tree)) {
      referrers.computeIfAbsent(member, k -> new HashSet<>()).add(id);
    }
  }

  @Override
  public synchronized Optional<ObjectNode> get(ObjectId id) {
    ObjectNode t = trees.get(id);
    return t == null ? Optional.empty() : Optional.of(t.deepCopy());
  }

  @Override
  public synchronized boolean contains(ObjectId id) {
    return trees.containsKey(id);
  }

  @Override
  public synchronized List<ObjectNode> list(Predicate<String> typename, int limit) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode t : trees.values()) {
      if (out.size() >= limit) {
        break;
      }
      if (typename.test(t.path("typename").asText())) {
        out.add(t.deepCopy());
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<ObjectNode> remove(ObjectId id) {
    ObjectNode t = trees.remove(id);
    if (t == null) {
      return Optional.empty();
    }
    for (ObjectId member : directMembers(t)) {
      Set<ObjectId> r = referrers.get(member);
      if (r != null && r.remove(id) && r.isEmpty()) {
        referrers.remove(member);
      }
    }
    return Optional.of(t);
  }

  @Override
  public synchronized Set<ObjectId> referrers(ObjectId id) {
    return Set.copyOf(referrers.getOrDefault(id, Set.of()));
  }

  @Override
  public synchronized int size() {
    return trees.size();
  }

  /** The IDs of a tree's direct members (nested objects that carry a typename and an id). */
  static List<ObjectId> directMembers(ObjectNode tree) {
    List<ObjectId> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      JsonNode v = e.getValue();
      if (v.isObject() && v.has("id") && v.has("typename")) {
        out.add(ObjectId.parse(v.get("id").asText()));
      }
    }
    return out;
  }
}
