package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.CreateBufferReply;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import io.vineyard.protocol.ErrorReply;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.RemoteMessages.CreateRemoteBufferRequest;
import io.vineyard.protocol.RemoteMessages.CreateRemoteBuffersRequest;
import io.vineyard.protocol.RemoteMessages.GetRemoteBuffersRequest;
import io.vineyard.protocol.StoreMessages.CreateBuffersReply;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Blobs whose bytes travel over the connection, for clients that cannot map this host's memory:
 * create_remote_buffer(s) and get_remote_buffers, as vineyardd serves them (on either endpoint).
 *
 * <p>A remote create answers once ("go on": the new blobs, unsealed), reads each blob's bytes in
 * order into the store, seals them, and answers again with the sealed payloads. If the bytes do not
 * all come (the client goes away), the blobs are dropped and nothing is left behind. The sealed
 * blobs hold no reference of the connection (as in vineyardd): they stay until deleted.
 */
final class RemoteBufferCommands {
  private final ServerCore core;
  private final BulkStore store;

  RemoteBufferCommands(ServerCore core) {
    this.core = core;
    this.store = core.store();
  }

  void register(Dispatcher d) {
    d.on(CreateRemoteBufferRequest.class, this::createOne);
    d.on(CreateRemoteBuffersRequest.class, this::createMany);
    d.on(GetRemoteBuffersRequest.class, this::get);
  }

  private static void plainBytesOnly(String command, boolean compress, boolean rdma) {
    if (compress) {
      throw new VineyardException.Invalid(
          command
              + ": compressed payloads are not supported by this instance (its register_reply says"
              + " support_rpc_compression: false); send the bytes as they are");
    }
    if (rdma) {
      throw new VineyardException.Invalid(
          command + ": RDMA is not supported by this instance (it announces no RDMA endpoint)");
    }
  }

  private CreateBufferReply createOne(Session session, CreateRemoteBufferRequest r) {
    plainBytesOnly("create_remote_buffer_request", r.compress(), r.useRdma());
    List<BlobHandle> blobs = create(session, List.of(r.size()), "size");
    BlobHandle b = blobs.get(0);
    receiveThen(
        session,
        blobs,
        done -> new CreateBufferReply(done.get(0).id(), -1, BlobCommands.payload(done.get(0))));
    return new CreateBufferReply(b.id(), -1, BlobCommands.payload(b));
  }

  private CreateBuffersReply createMany(Session session, CreateRemoteBuffersRequest r) {
    plainBytesOnly("create_remote_buffers_request", r.compress(), r.useRdma());
    // 'num' is not checked against 'sizes': vineyardd reads only 'sizes'
    List<BlobHandle> blobs = create(session, r.sizes(), "sizes");
    receiveThen(session, blobs, RemoteBufferCommands::buffersReply);
    return buffersReply(blobs);
  }

  private static CreateBuffersReply buffersReply(List<BlobHandle> blobs) {
    List<ObjectId> ids = new ArrayList<>();
    List<Payload> payloads = new ArrayList<>();
    for (BlobHandle b : blobs) {
      ids.add(b.id());
      payloads.add(BlobCommands.payload(b));
    }
    return new CreateBuffersReply(ids.size(), ids, List.of(), payloads);
  }

  /** Creates one unsealed blob per size, all or none. */
  private List<BlobHandle> create(Session session, List<Long> sizes, String field) {
    List<BlobHandle> out = new ArrayList<>();
    try {
      for (int i = 0; i < sizes.size(); i++) {
        long size = sizes.get(i);
        if (size < 0) {
          throw new VineyardException.Invalid(
              "field '"
                  + field
                  + "': a buffer cannot have a negative size ("
                  + Long.toUnsignedString(size)
                  + ")");
        }
        out.add(
            size == 0
                ? new BlobHandle(ObjectId.EMPTY_BLOB, -1, 0, 0, 0, true, session.id())
                : store.create(session.id(), core.ids().nextBlobId(), size));
      }
    } catch (RuntimeException e) {
      drop(session, out);
      throw e;
    }
    return out;
  }

  /**
   * After the first reply: reads the blobs' bytes in order, seals them, and writes the second
   * reply; drops them when the bytes do not come.
   */
  private void receiveThen(
      Session session,
      List<BlobHandle> blobs,
      java.util.function.Function<List<BlobHandle>, Object> reply) {
    session.afterReply(
        () -> {
          List<BlobHandle> done = new ArrayList<>();
          try {
            for (BlobHandle b : blobs) {
              if (b.size() > 0) {
                session.wire().receive(core.files().file(b.storeFd()), b.offset(), b.size());
              }
            }
          } catch (IOException | RuntimeException e) {
            drop(session, blobs);
            throw e; // the stream is out of step: the connection ends
          }
          try {
            for (BlobHandle b : blobs) {
              if (b.size() > 0) {
                store.seal(session.id(), b.id());
                done.add(store.find(b.id()).orElseThrow());
              } else {
                done.add(b);
              }
            }
          } catch (RuntimeException e) {
            // every byte came: the connection goes on, with an error reply instead (as vineyardd)
            drop(session, blobs);
            session.write(
                ErrorReply.of(
                    e instanceof VineyardException v
                        ? v
                        : new VineyardException.UnknownError("internal error: " + e)));
            return;
          }
          session.write(reply.apply(done));
        });
  }

  private void drop(Session session, List<BlobHandle> blobs) {
    for (BlobHandle b : blobs) {
      if (b.size() > 0) {
        try {
          store.drop(session.id(), b.id());
        } catch (VineyardException e) {
          store.delete(b.id());
        }
      }
    }
  }

  private GetBuffersReply get(Session session, GetRemoteBuffersRequest r) {
    plainBytesOnly("get_remote_buffers_request", false, r.useRdma());
    List<Payload> payloads = new ArrayList<>();
    List<BlobHandle> found = new ArrayList<>();
    try {
      for (ObjectId id : r.ids()) {
        if (id.equals(ObjectId.EMPTY_BLOB)) {
          payloads.add(Payload.empty());
          continue;
        }
        try {
          BlobHandle b = store.acquire(session.id(), id, r.unsafe());
          found.add(b);
          payloads.add(BlobCommands.payload(b));
        } catch (VineyardException.ObjectNotExists e) {
          // unknown ids are left out, as vineyardd does; the client sees what is missing
        }
      }
    } catch (RuntimeException e) {
      found.forEach(b -> store.release(session.id(), b.id()));
      throw e;
    }
    session.afterReply(
        () -> {
          for (BlobHandle b : found) {
            if (b.size() > 0) {
              session.wire().send(core.files().file(b.storeFd()), b.offset(), b.size());
            }
          }
        });
    // compress: false whatever was asked: the bytes follow raw, and vineyardd's clients read the
    // reply's flag
    return new GetBuffersReply(payloads, List.of(), payloads.size(), false);
  }
}
