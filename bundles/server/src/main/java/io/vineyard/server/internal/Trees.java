package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.ObjectTable;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.util.Map;
import java.util.Optional;

/**
 * Metadata trees as the server builds them: blob trees, and members expanded from what is stored.
 */
final class Trees {
  private final BulkStore store;
  private final ObjectTable meta;

  Trees(BulkStore store, ObjectTable meta) {
    this.store = store;
    this.meta = meta;
  }

  /** The tree of a blob, as vineyardd describes blobs: {@code length} is the size. */
  ObjectMeta blobTree(ObjectId id, long size) {
    return ObjectMeta.blob(id, size, meta.instanceId());
  }

  /** The tree of any object this instance knows: a stored tree, or a blob of the store. */
  Optional<ObjectMeta> find(ObjectId id) {
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
   * The tree with every member replaced by the stored tree of the object it names, so stored trees
   * are complete. A member names its object by {@code id}; a member naming no object that exists
   * fails the whole create.
   *
   * @throws VineyardException.ObjectNotExists naming the member and the missing ID
   * @throws VineyardException.MetaTreeInvalid for a member without an ID
   */
  ObjectMeta expandMembers(ObjectMeta tree, String path) {
    ObjectMeta.Builder out = tree.toBuilder();
    for (Map.Entry<String, ObjectMeta> e : tree.members().entrySet()) {
      ObjectMeta v = e.getValue();
      String where = path + "/" + e.getKey();
      if (!v.has("id")) {
        throw new VineyardException.MetaTreeInvalid(
            "member '" + where + "' has no 'id': members must be created first");
      }
      ObjectId id;
      try {
        id = v.id();
      } catch (IllegalArgumentException ex) {
        throw new VineyardException.Invalid("field '" + where + "/id': " + ex.getMessage());
      }
      if (id.isBlob() && !id.equals(ObjectId.EMPTY_BLOB) && isRemote(v)) {
        continue; // a blob of another instance: its tree is all we know
      }
      ObjectMeta stored =
          find(id)
              .orElseThrow(
                  () ->
                      new VineyardException.ObjectNotExists(
                          "member '"
                              + where
                              + "' refers to "
                              + id
                              + ", which does not exist on instance "
                              + meta.instanceId()
                              + (isRemote(v)
                                  ? " (an object of instance "
                                      + v.instanceId()
                                      + " must be persisted before other instances can use it)"
                                  : "")));
      if (id.isBlob()) {
        BlobHandle b = store.find(id).orElse(null);
        if (b != null && !b.sealed()) {
          throw new VineyardException.ObjectNotSealed(
              "member '" + where + "' refers to blob " + id + ", which is not sealed yet");
        }
      }
      out.member(e.getKey(), stored);
    }
    return out.build();
  }

  /** Whether a tree has members (at any depth) that live on another instance. */
  boolean spansInstances(ObjectMeta tree) {
    for (ObjectMeta m : tree.members().values()) {
      if (m.has("typename") && m.has("id") && (isRemote(m) || spansInstances(m))) {
        return true;
      }
    }
    return false;
  }

  private boolean isRemote(ObjectMeta member) {
    return member.value("instance_id").orElse(null) instanceof Long i && i != meta.instanceId();
  }
}
