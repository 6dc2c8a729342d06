package io.vineyard.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.MetadataService;
import io.vineyard.protocol.Json;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.util.Map;
import java.util.Optional;

/** Metadata trees as the server builds them: blob trees, and members expanded from what is stored. */
final class Trees {
  private final BulkStore store;
  private final MetadataService meta;

  Trees(BulkStore store, MetadataService meta) {
    this.store = store;
    this.meta = meta;
  }

  /** The tree of a blob, as vineyardd describes blobs: {@code length} is the size. */
  ObjectNode blobTree(ObjectId id, long size) {
    return Json.tree(ObjectMeta.blob(id, size, meta.instanceId()));
  }

  /** The tree of any object this instance knows: a stored tree, or a blob of the store. */
  Optional<ObjectNode> find(ObjectId id) {
    if (id.equals(ObjectId.EMPTY_BLOB)) {
      return Optional.of(blobTree(id, 0));
    }
    if (id.isBlob()) {
      return store.find(id).map(b -> blobTree(id, b.size()));
    }
    return meta.get(id);
  }

  /** Whether the object exists: a blob in the store, or a stored tree. */
  boolean exists(ObjectId id) {
    return id.equals(ObjectId.EMPTY_BLOB) || (id.isBlob() ? store.contains(id) : meta.contains(id));
  }

  /**
   * Replaces every member of a tree being created by the stored tree of the object it names,
   * so stored trees are complete. A member names its object by {@code id}; a member naming no
   * object that exists fails the whole create.
   *
   * @throws VineyardException.ObjectNotExists naming the member and the missing ID
   * @throws VineyardException.MetaTreeInvalid for a member without an ID
   */
  void expandMembers(ObjectNode tree, String path) {
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      JsonNode v = e.getValue();
      if (!v.isObject() || !(v.has("typename") || v.has("id"))) {
        continue; // a plain JSON value of the object, not a member
      }
      String where = path + "/" + e.getKey();
      if (!v.has("id")) {
        throw new VineyardException.MetaTreeInvalid("member '" + where + "' has no 'id': members must be created first");
      }
      ObjectId id = Json.toId(v.get("id"), where + "/id");
      if (id.isBlob() && !id.equals(ObjectId.EMPTY_BLOB) && isRemote(v)) {
        continue; // a blob of another instance: its tree is all we know
      }
      ObjectNode stored = find(id).orElseThrow(() -> new VineyardException.ObjectNotExists(
          "member '" + where + "' refers to " + id + ", which does not exist on instance " + meta.instanceId()
              + (isRemote(v) ? " (an object of instance " + v.get("instance_id").asLong() + " must be persisted before other instances can use it)" : "")));
      if (id.isBlob()) {
        BlobHandle b = store.find(id).orElse(null);
        if (b != null && !b.sealed()) {
          throw new VineyardException.ObjectNotSealed("member '" + where + "' refers to blob " + id + ", which is not sealed yet");
        }
      }
      tree.set(e.getKey(), stored);
    }
  }

  /** Whether a tree has members (at any depth) that live on another instance. */
  boolean spansInstances(ObjectNode tree) {
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      JsonNode v = e.getValue();
      if (v.isObject() && v.has("typename") && v.has("id") && (isRemote(v) || spansInstances((ObjectNode) v))) {
        return true;
      }
    }
    return false;
  }

  private boolean isRemote(JsonNode member) {
    JsonNode inst = member.get("instance_id");
    return inst != null && inst.canConvertToLong() && inst.asLong() != meta.instanceId();
  }
}
