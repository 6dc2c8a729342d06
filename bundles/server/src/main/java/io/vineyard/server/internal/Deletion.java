package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.ObjectTable;
import io.vineyard.protocol.DataMessages.DelDataRequest;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * del_data: checks the whole request first (every ID exists; without {@code force}, nothing outside
 * the request uses a target), then deletes. {@code force} also deletes the objects that use a
 * target; {@code deep} also deletes members nothing else uses. A blob's memory is freed once no
 * connection references it.
 */
final class Deletion {
  private final BulkStore store;
  private final ObjectTable meta;

  Deletion(BulkStore store, ObjectTable meta) {
    this.store = store;
    this.meta = meta;
  }

  /** Deletes what the request names; returns the blobs deleted. */
  synchronized List<ObjectId> delete(long connection, DelDataRequest request) {
    List<ObjectId> ids = request.id();
    boolean force = request.force();
    boolean deep = request.deep();
    boolean fastpath = request.fastpath();
    boolean trim = request.memoryTrim();
    for (ObjectId id : ids) {
      if (fastpath && !id.isBlob()) {
        throw new VineyardException.AssertionFailed(
            "failed to delete " + id + ": fastpath deletes blobs only");
      }
      if (!id.equals(ObjectId.EMPTY_BLOB)
          && !(id.isBlob() ? store.contains(id) : meta.contains(id))) {
        throw new VineyardException.ObjectNotExists("failed to delete: " + id + " does not exist");
      }
    }
    Set<ObjectId> targets = new LinkedHashSet<>(ids);
    targets.remove(ObjectId.EMPTY_BLOB);
    if (force) {
      addUsers(targets);
    } else {
      for (ObjectId id : targets) {
        for (ObjectId user : meta.referrers(id)) {
          if (!targets.contains(user)) {
            throw new VineyardException.Invalid(
                "cannot delete "
                    + id
                    + ": it is a member of "
                    + user
                    + " (delete that first, or pass force to delete both)");
          }
        }
      }
    }
    List<ObjectId> blobs = new ArrayList<>();
    Deque<ObjectId> members = new ArrayDeque<>();
    for (ObjectId id : targets) {
      remove(id, blobs, deep ? members : null);
    }
    while (!members.isEmpty()) {
      ObjectId m = members.pop();
      if (meta.referrers(m).isEmpty() && (m.isBlob() ? store.contains(m) : meta.contains(m))) {
        remove(m, blobs, members);
      }
    }
    if (trim) {
      store.trim();
    }
    return blobs;
  }

  private void addUsers(Set<ObjectId> targets) {
    Deque<ObjectId> work = new ArrayDeque<>(targets);
    while (!work.isEmpty()) {
      for (ObjectId user : meta.referrers(work.pop())) {
        if (targets.add(user)) {
          work.push(user);
        }
      }
    }
  }

  private void remove(ObjectId id, List<ObjectId> blobs, Deque<ObjectId> members) {
    if (id.isBlob()) {
      if (store.delete(id)) {
        blobs.add(id);
      }
      return;
    }
    meta.remove(id)
        .ifPresent(
            tree -> {
              if (members != null) {
                tree.memberIds()
                    .forEach(
                        m -> {
                          if (!m.equals(ObjectId.EMPTY_BLOB)) {
                            members.push(m);
                          }
                        });
              }
            });
  }

  /** Deletes every object and every sealed blob (clear_request). */
  synchronized void clear() {
    for (ObjectMeta t : meta.list(s -> true, Integer.MAX_VALUE)) {
      meta.remove(t.id());
    }
    for (BlobHandle b : store.blobs()) {
      if (b.sealed()) {
        store.delete(b.id());
      }
    }
  }
}
