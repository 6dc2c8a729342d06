package io.vineyard.meta.raft;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.protocol.Codec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The replicated part of the metadata, as every replica holds it after applying the same commands
 * in the same order: persisted trees (members expanded, {@code transient: false}), names, the
 * instance registry and the instance-ID counter. Deterministic, not thread-safe: {@link
 * MetadataStateMachine} guards it.
 */
final class GlobalMetadata {
  private final TreeMap<ObjectId, ObjectMeta> trees = new TreeMap<>();
  private final Map<ObjectId, Set<ObjectId>> referrers = new HashMap<>();
  private final TreeMap<String, ObjectId> names = new TreeMap<>();
  private final TreeMap<Long, InstanceRecord> instances = new TreeMap<>();
  private long nextInstanceId;

  /** Adds or replaces a persisted tree. */
  void put(ObjectMeta tree) {
    ObjectId id = tree.id();
    ObjectMeta old = trees.put(id, tree);
    if (old != null) {
      unlink(id, old);
    }
    for (ObjectId member : tree.memberIds()) {
      referrers.computeIfAbsent(member, k -> new HashSet<>()).add(id);
    }
  }

  /** Removes a tree and the names that refer to it; false when it was not there. */
  boolean remove(ObjectId id) {
    ObjectMeta t = trees.remove(id);
    if (t == null) {
      return false;
    }
    names.values().removeIf(id::equals);
    unlink(id, t);
    return true;
  }

  private void unlink(ObjectId id, ObjectMeta tree) {
    for (ObjectId member : tree.memberIds()) {
      Set<ObjectId> r = referrers.get(member);
      if (r != null && r.remove(id) && r.isEmpty()) {
        referrers.remove(member);
      }
    }
  }

  /**
   * Names a stored object (the previous holder of the name loses it); false when the object is
   * gone.
   */
  boolean putName(String name, ObjectId id) {
    ObjectMeta t = trees.get(id);
    if (t == null) {
      return false;
    }
    ObjectId previous = names.put(name, id);
    if (previous != null && !previous.equals(id)) {
      ObjectMeta p = trees.get(previous);
      if (p != null && p.string("__name").filter(name::equals).isPresent()) {
        trees.put(previous, p.toBuilder().remove("__name").build());
      }
    }
    trees.put(id, t.toBuilder().put("__name", name).build());
    return true;
  }

  /**
   * Merges labels into a stored tree's {@code __labels} (a key labelled again takes the new value);
   * false when it is gone.
   */
  boolean label(ObjectId id, Map<String, String> labels) {
    ObjectMeta t = trees.get(id);
    if (t == null) {
      return false;
    }
    trees.put(id, t.toBuilder().labels(labels).build());
    return true;
  }

  /** Drops a name; false when there was none. */
  boolean dropName(String name) {
    ObjectId id = names.remove(name);
    if (id == null) {
      return false;
    }
    ObjectMeta t = trees.get(id);
    if (t != null && t.string("__name").filter(name::equals).isPresent()) {
      trees.put(id, t.toBuilder().remove("__name").build());
    }
    return true;
  }

  /**
   * Registers (or refreshes) an instance. A requested ID is taken as it is (embedded clusters hand
   * IDs out through their discovery folder, and a runtime restarted under a new Raft name replaces
   * its old record); otherwise a runtime keeps the ID recorded for its Raft name, and a new one
   * gets the counter's next value.
   */
  long register(String raftId, long requested, String socket, String host, long startedAt) {
    return register(
        raftId, requested, socket, host, startedAt, io.vineyard.meta.InstanceInfo.NO_RPC_ENDPOINT);
  }

  /** Registers (or refreshes) an instance with the RPC endpoint it serves. */
  long register(
      String raftId,
      long requested,
      String socket,
      String host,
      long startedAt,
      String rpcEndpoint) {
    long id = requested;
    for (InstanceRecord r : instances.values()) {
      if (id < 0 && r.raftId().equals(raftId)) {
        id = r.id();
      }
    }
    if (id < 0) {
      id = nextInstanceId;
    }
    nextInstanceId = Math.max(nextInstanceId, id + 1);
    instances.put(id, new InstanceRecord(id, raftId, socket, host, startedAt, rpcEndpoint));
    return id;
  }

  /**
   * Makes the trees owned by {@code instance} (their {@code instance_id}) exactly {@code owned},
   * and adds the names given for them: what a runtime that (re)enters the cluster brings. Trees it
   * owned before and does not bring go, with the names that refer to them; trees it brings replace
   * their older copies, so an announcement made twice changes nothing the second time.
   *
   * @return the number of trees dropped
   */
  int announce(long instance, List<ObjectMeta> owned, Map<String, ObjectId> ownedNames) {
    Set<ObjectId> keep = new HashSet<>();
    for (ObjectMeta t : owned) {
      keep.add(t.id());
    }
    int dropped = 0;
    for (ObjectId id : ownedBy(instance)) {
      if (!keep.contains(id) && remove(id)) {
        dropped++;
      }
    }
    owned.forEach(this::put);
    ownedNames.forEach(
        (name, id) -> {
          if (trees.containsKey(id)) {
            putName(name, id);
          }
        });
    return dropped;
  }

  /**
   * Drops an instance that stopped or died: its trees and the names that refer to them, and its
   * record; unless the record now belongs to another Raft name (the instance is back already).
   *
   * @return whether it was dropped
   */
  boolean forget(long instance, String raftId) {
    InstanceRecord r = instances.get(instance);
    if (r != null && !r.raftId().equals(raftId)) {
      return false;
    }
    for (ObjectId id : ownedBy(instance)) {
      remove(id);
    }
    instances.remove(instance);
    return true;
  }

  /** The IDs of the trees whose {@code instance_id} is {@code instance}. */
  List<ObjectId> ownedBy(long instance) {
    List<ObjectId> out = new ArrayList<>();
    trees.forEach(
        (id, t) -> {
          if (t.instanceId() == instance) {
            out.add(id);
          }
        });
    return out;
  }

  Optional<ObjectMeta> get(ObjectId id) {
    return Optional.ofNullable(trees.get(id));
  }

  boolean contains(ObjectId id) {
    return trees.containsKey(id);
  }

  Set<ObjectId> referrers(ObjectId id) {
    return referrers.getOrDefault(id, Set.of());
  }

  int size() {
    return trees.size();
  }

  /** The trees in ID order (a live view of immutable trees). */
  Iterable<ObjectMeta> trees() {
    return trees.values();
  }

  TreeMap<String, ObjectId> names() {
    return names;
  }

  List<InstanceRecord> instances() {
    return new ArrayList<>(instances.values());
  }

  long nextInstanceId() {
    return nextInstanceId;
  }

  /** Writes everything, for a snapshot. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(trees.size());
    for (ObjectMeta t : trees.values()) {
      byte[] b = Codec.encodeMeta(t);
      out.writeInt(b.length);
      out.write(b);
    }
    out.writeInt(names.size());
    for (Map.Entry<String, ObjectId> e : names.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeLong(e.getValue().value());
    }
    out.writeInt(instances.size());
    for (InstanceRecord r : instances.values()) {
      out.writeLong(r.id());
      out.writeUTF(r.raftId());
      out.writeUTF(r.socket());
      out.writeUTF(r.host());
      out.writeLong(r.startedAt());
    }
    out.writeLong(nextInstanceId);
    // the RPC endpoints come last, so that snapshots written before they were recorded still read
    out.writeInt(instances.size());
    for (InstanceRecord r : instances.values()) {
      out.writeLong(r.id());
      out.writeUTF(r.rpcEndpoint());
    }
  }

  /** Replaces everything with what {@link #writeTo} wrote. */
  void readFrom(DataInput in) throws IOException {
    trees.clear();
    referrers.clear();
    names.clear();
    instances.clear();
    for (int i = in.readInt(); i > 0; i--) {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      put(Codec.decodeMeta(b));
    }
    for (int i = in.readInt(); i > 0; i--) {
      names.put(in.readUTF(), ObjectId.of(in.readLong()));
    }
    for (int i = in.readInt(); i > 0; i--) {
      InstanceRecord r =
          new InstanceRecord(
              in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
      instances.put(r.id(), r);
    }
    nextInstanceId = in.readLong();
    int endpoints;
    try {
      endpoints = in.readInt();
    } catch (java.io.EOFException | IndexOutOfBoundsException e) {
      return; // a snapshot written before RPC endpoints were recorded
    }
    for (int i = endpoints; i > 0; i--) {
      long id = in.readLong();
      String endpoint = in.readUTF();
      InstanceRecord r = instances.get(id);
      if (r != null) {
        instances.put(
            id,
            new InstanceRecord(r.id(), r.raftId(), r.socket(), r.host(), r.startedAt(), endpoint));
      }
    }
  }
}
