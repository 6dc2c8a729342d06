package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.meta.MetadataService;
import io.vineyard.protocol.SpillMessages.EvictReply;
import io.vineyard.protocol.SpillMessages.EvictRequest;
import io.vineyard.protocol.SpillMessages.IsSpilledReply;
import io.vineyard.protocol.SpillMessages.IsSpilledRequest;
import io.vineyard.protocol.SpillMessages.LoadReply;
import io.vineyard.protocol.SpillMessages.LoadRequest;
import io.vineyard.protocol.SpillMessages.UnpinReply;
import io.vineyard.protocol.SpillMessages.UnpinRequest;
import io.vineyard.store.BulkStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Spilling on request: evict, load, unpin and is_spilled. As vineyardd, {@code ids} may name
 * objects or blobs: each object stands for the blobs of its tree that live on this instance;
 * unknown IDs are passed over.
 */
final class SpillCommands {
  private final BulkStore store;
  private final MetadataService meta;

  SpillCommands(ServerCore core) {
    this.store = core.store();
    this.meta = core.meta();
  }

  void register(Dispatcher d) {
    d.on(
        EvictRequest.class,
        (s, r) -> {
          store.evict(localBlobs(r.ids()));
          return new EvictReply();
        });
    d.on(
        LoadRequest.class,
        (s, r) -> {
          store.load(localBlobs(r.ids()), r.pin());
          return new LoadReply();
        });
    d.on(
        UnpinRequest.class,
        (s, r) -> {
          store.unpin(localBlobs(r.ids()));
          return new UnpinReply();
        });
    d.on(IsSpilledRequest.class, (s, r) -> new IsSpilledReply(store.isSpilled(r.id())));
  }

  /** The blobs of this instance that the IDs name, themselves or through an object's tree. */
  private List<ObjectId> localBlobs(List<ObjectId> ids) {
    Set<ObjectId> out = new LinkedHashSet<>();
    for (ObjectId id : ids) {
      if (id.isBlob()) {
        out.add(id);
      } else {
        meta.get(id).ifPresent(tree -> out.addAll(tree.localBlobs(meta.instanceId())));
      }
    }
    out.remove(ObjectId.EMPTY_BLOB);
    return new ArrayList<>(out);
  }
}
