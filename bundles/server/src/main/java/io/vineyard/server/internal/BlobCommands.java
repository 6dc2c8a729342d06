package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.CreateBufferReply;
import io.vineyard.protocol.BlobMessages.CreateBufferRequest;
import io.vineyard.protocol.BlobMessages.DropBufferReply;
import io.vineyard.protocol.BlobMessages.DropBufferRequest;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import io.vineyard.protocol.BlobMessages.GetBuffersRequest;
import io.vineyard.protocol.BlobMessages.IncreaseReferenceCountReply;
import io.vineyard.protocol.BlobMessages.IncreaseReferenceCountRequest;
import io.vineyard.protocol.BlobMessages.ReleaseReply;
import io.vineyard.protocol.BlobMessages.ReleaseRequest;
import io.vineyard.protocol.BlobMessages.SealReply;
import io.vineyard.protocol.BlobMessages.SealRequest;
import io.vineyard.protocol.Payload;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.util.ArrayList;
import java.util.List;

/** The blob lifecycle: create_buffer, seal, get_buffers, release, drop_buffer, reference counts. */
final class BlobCommands {
  private final ServerCore core;
  private final BulkStore store;

  BlobCommands(ServerCore core) {
    this.core = core;
    this.store = core.store();
  }

  void register(Dispatcher d) {
    d.on(CreateBufferRequest.class, this::create);
    d.on(SealRequest.class, this::seal);
    d.on(GetBuffersRequest.class, this::get);
    d.on(
        ReleaseRequest.class,
        (s, r) -> {
          store.release(s.id(), r.objectId());
          return new ReleaseReply();
        });
    d.on(
        DropBufferRequest.class,
        (s, r) -> {
          store.drop(s.id(), r.id());
          return new DropBufferReply();
        });
    d.on(
        IncreaseReferenceCountRequest.class,
        (s, r) -> {
          for (ObjectId id : r.ids()) {
            if (!id.equals(ObjectId.EMPTY_BLOB)) {
              store.acquire(s.id(), id, true);
            }
          }
          return new IncreaseReferenceCountReply();
        });
  }

  /** The wire payload of a blob: the client maps the whole arena file, the data at its offset. */
  static Payload payload(BlobHandle b) {
    if (b.size() == 0) {
      return Payload.empty();
    }
    return new Payload(b.id(), b.storeFd(), b.offset(), b.size(), b.mapSize(), 0, b.sealed(), true);
  }

  private CreateBufferReply create(Session session, CreateBufferRequest request) {
    if (request.size() < 0) {
      throw new VineyardException.Invalid(
          "field 'size': a buffer cannot have a negative size (" + request.size() + ")");
    }
    BlobHandle b = store.create(session.id(), core.ids().nextBlobId(), request.size());
    Payload p = payload(b);
    int fd = p.dataSize() > 0 && session.passFd(p.storeFd()) ? p.storeFd() : -1;
    return new CreateBufferReply(b.id(), fd, p);
  }

  /**
   * Seals, and (as vineyardd does) the sealing connection holds a reference until release or
   * disconnect.
   */
  private SealReply seal(Session session, SealRequest request) {
    ObjectId id = request.objectId();
    store.seal(session.id(), id);
    if (!id.equals(ObjectId.EMPTY_BLOB)) {
      store.acquire(session.id(), id, false);
    }
    return new SealReply();
  }

  private GetBuffersReply get(Session session, GetBuffersRequest request) {
    List<Payload> payloads = new ArrayList<>();
    List<ObjectId> acquired = new ArrayList<>();
    try {
      for (ObjectId id : request.ids()) {
        if (id.equals(ObjectId.EMPTY_BLOB)) {
          payloads.add(Payload.empty());
        } else {
          try {
            payloads.add(payload(store.acquire(session.id(), id, request.unsafe())));
            acquired.add(id);
          } catch (VineyardException.ObjectNotExists e) {
            // unknown ids are left out, as vineyardd does; the client notices what is missing
          }
        }
      }
    } catch (RuntimeException e) {
      acquired.forEach(id -> store.release(session.id(), id));
      throw e;
    }
    List<Integer> fds = new ArrayList<>();
    for (Payload p : payloads) {
      if (p.dataSize() > 0 && session.passFd(p.storeFd())) {
        fds.add(p.storeFd());
      }
    }
    return new GetBuffersReply(payloads, fds, payloads.size(), false);
  }
}
