package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.StoreMessages.CreateBuffersReply;
import io.vineyard.protocol.StoreMessages.CreateBuffersRequest;
import io.vineyard.protocol.StoreMessages.IsInUseReply;
import io.vineyard.protocol.StoreMessages.IsInUseRequest;
import io.vineyard.protocol.StoreMessages.MemoryTrimReply;
import io.vineyard.protocol.StoreMessages.MemoryTrimRequest;
import io.vineyard.protocol.StoreMessages.ShrinkBufferReply;
import io.vineyard.protocol.StoreMessages.ShrinkBufferRequest;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The bulk store beyond one blob: create_buffers, shrink_buffer, is_in_use, memory_trim. */
final class StoreCommands {
  private final ServerCore core;
  private final BulkStore store;

  StoreCommands(ServerCore core) {
    this.core = core;
    this.store = core.store();
  }

  void register(Dispatcher d) {
    d.on(CreateBuffersRequest.class, this::createAll);
    d.on(
        ShrinkBufferRequest.class,
        (s, r) -> {
          if (r.size() < 0) {
            throw new VineyardException.Invalid(
                "field 'size': a buffer cannot have a negative size (" + r.size() + ")");
          }
          store.shrink(s.id(), r.id(), r.size());
          return new ShrinkBufferReply();
        });
    d.on(IsInUseRequest.class, (s, r) -> new IsInUseReply(store.inUse(r.id())));
    d.on(MemoryTrimRequest.class, (s, r) -> new MemoryTrimReply(store.trim() > 0));
  }

  /**
   * All or nothing, as vineyardd: a size that cannot be allocated frees the blobs made before it.
   * The store fds new to the connection follow the reply once each, ascending (vineyardd's order).
   */
  private CreateBuffersReply createAll(Session session, CreateBuffersRequest request) {
    List<ObjectId> ids = new ArrayList<>();
    List<Payload> payloads = new ArrayList<>();
    for (int i = 0; i < request.sizes().size(); i++) {
      Long size = request.sizes().get(i);
      if (size == null || size < 0) {
        throw new VineyardException.Invalid(
            "field 'sizes/" + i + "': a buffer cannot have a negative size (" + size + ")");
      }
    }
    try {
      for (long size : request.sizes()) {
        BlobHandle b = store.create(session.id(), core.ids().nextBlobId(), size);
        ids.add(b.id());
        payloads.add(BlobCommands.payload(b));
      }
    } catch (RuntimeException e) {
      for (ObjectId id : ids) {
        if (!id.equals(ObjectId.EMPTY_BLOB)) {
          store.drop(session.id(), id);
        }
      }
      throw e;
    }
    TreeSet<Integer> fds = new TreeSet<>();
    for (Payload p : payloads) {
      if (p.dataSize() > 0 && session.passFd(p.storeFd())) {
        fds.add(p.storeFd());
      }
    }
    return new CreateBuffersReply(ids.size(), ids, List.copyOf(fds), payloads);
  }
}
