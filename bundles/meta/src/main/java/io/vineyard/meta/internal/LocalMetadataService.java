package io.vineyard.meta.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.meta.MetadataService;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Metadata held in memory by one instance: its transient objects, and (for a lone instance) the
 * objects it persisted and their names. The metadata bundles build on it: the standalone service
 * adds durability in MapDB, the Raft service keeps only transient objects here.
 */
public final class LocalMetadataService implements MetadataService {

  private final Map<ObjectId, ObjectMeta> trees = new TreeMap<>();
  private final Map<ObjectId, Set<ObjectId>> referrers = new HashMap<>();
  private final Map<String, ObjectId> names = new TreeMap<>();
  private final long startedAt = System.currentTimeMillis();
  private final long instanceId;

  /** Metadata of the instance with this ID. */
  public LocalMetadataService(long instanceId) {
    this.instanceId = instanceId;
  }

  @Override
  public long instanceId() {
    return instanceId;
  }

  @Override
  public synchronized void put(ObjectMeta tree) {
    ObjectId id = tree.id();
    if (trees.containsKey(id)) {
      throw new VineyardException.ObjectExists("object " + id + " already exists");
    }
    trees.put(id, tree);
    for (ObjectId member : tree.memberIds()) {
      referrers.computeIfAbsent(member, k -> new HashSet<>()).add(id);
    }
  }

  @Override
  public synchronized Optional<ObjectMeta> get(ObjectId id) {
    return Optional.ofNullable(trees.get(id));
  }

  @Override
  public synchronized boolean contains(ObjectId id) {
    return trees.containsKey(id);
  }

  @Override
  public synchronized List<ObjectMeta> list(Predicate<String> typename, int limit) {
    List<ObjectMeta> out = new ArrayList<>();
    for (ObjectMeta t : trees.values()) {
      if (out.size() >= limit) {
        break;
      }
      if (typename.test(t.typename())) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<ObjectMeta> remove(ObjectId id) {
    ObjectMeta t = trees.remove(id);
    if (t == null) {
      return Optional.empty();
    }
    names.values().removeIf(id::equals);
    for (ObjectId member : t.memberIds()) {
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

  @Override
  public synchronized void persist(ObjectId id) {
    if (id.isBlob()) {
      throw new VineyardException.AssertionFailed(
          "a blob alone cannot be persisted ("
              + id
              + "): persist an object that has it as a member");
    }
    ObjectMeta tree = trees.get(id);
    if (tree == null) {
      throw new VineyardException.ObjectNotExists("cannot persist " + id + ": no such object");
    }
    markPersisted(id);
  }

  /** Stores the persisted form of a tree and of its stored non-blob members, at every depth. */
  private void markPersisted(ObjectId id) {
    ObjectMeta tree = trees.get(id);
    if (tree == null || !tree.isTransient()) {
      return;
    }
    trees.put(id, tree.persisted());
    for (ObjectId member : tree.memberIds()) {
      if (!member.isBlob()) {
        markPersisted(member);
      }
    }
  }

  @Override
  public synchronized boolean isPersisted(ObjectId id) {
    ObjectMeta t = trees.get(id);
    return t != null && !t.isTransient();
  }

  @Override
  public synchronized void putName(String name, ObjectId id) {
    if (id.isBlob()) {
      throw new VineyardException.Invalid("blobs cannot have names (" + id + ")");
    }
    ObjectMeta t = trees.get(id);
    if (t == null) {
      throw new VineyardException.ObjectNotExists(
          "cannot name " + id + " '" + name + "': no such object");
    }
    if (t.isTransient()) {
      throw new VineyardException.Invalid(
          "transient objects cannot have names: persist " + id + " first");
    }
    names.put(name, id);
    trees.put(id, t.toBuilder().put("__name", name).build());
    notifyAll();
  }

  @Override
  public synchronized void label(ObjectId id, Map<String, String> labels) {
    if (id.isBlob()) {
      throw new VineyardException.Invalid("blobs cannot have labels (" + id + ")");
    }
    ObjectMeta t = trees.get(id);
    if (t == null) {
      throw new VineyardException.ObjectNotExists("cannot label " + id + ": no such object");
    }
    trees.put(id, t.toBuilder().labels(labels).build());
  }

  @Override
  public synchronized Optional<ObjectId> getName(String name, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!names.containsKey(name)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.of(names.get(name));
  }

  @Override
  public synchronized Map<String, ObjectId> listNames(Predicate<String> matches, int limit) {
    Map<String, ObjectId> out = new TreeMap<>();
    for (Map.Entry<String, ObjectId> e : names.entrySet()) {
      if (out.size() >= limit) {
        break;
      }
      if (matches.test(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  @Override
  public synchronized boolean dropName(String name) {
    ObjectId id = names.remove(name);
    if (id != null && trees.get(id) != null) {
      trees.put(id, trees.get(id).toBuilder().remove("__name").build());
    }
    return id != null;
  }

  @Override
  public List<InstanceInfo> instances() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    return List.of(new InstanceInfo(instanceId, "", host, "running", startedAt));
  }

  @Override
  public Map<String, Object> status() {
    return Map.of("metadata", "local");
  }
}
