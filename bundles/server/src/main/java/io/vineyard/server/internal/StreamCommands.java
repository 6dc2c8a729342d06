package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.DataMessages.DelDataRequest;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.StreamMessages.CreateStreamReply;
import io.vineyard.protocol.StreamMessages.CreateStreamRequest;
import io.vineyard.protocol.StreamMessages.DropStreamReply;
import io.vineyard.protocol.StreamMessages.DropStreamRequest;
import io.vineyard.protocol.StreamMessages.GetNextStreamChunkReply;
import io.vineyard.protocol.StreamMessages.GetNextStreamChunkRequest;
import io.vineyard.protocol.StreamMessages.OpenStreamReply;
import io.vineyard.protocol.StreamMessages.OpenStreamRequest;
import io.vineyard.protocol.StreamMessages.PullNextStreamChunkReply;
import io.vineyard.protocol.StreamMessages.PullNextStreamChunkRequest;
import io.vineyard.protocol.StreamMessages.PushNextStreamChunkReply;
import io.vineyard.protocol.StreamMessages.PushNextStreamChunkRequest;
import io.vineyard.protocol.StreamMessages.StopStreamReply;
import io.vineyard.protocol.StreamMessages.StopStreamRequest;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Streams over the wire (create, open, get_next/push/pull chunk, stop, drop), kept in a {@link
 * StreamTable}. Chunks the instance allocates for a producer (get_next_stream_chunk) are sealed
 * when they are handed over, so any consumer reads them; a chunk the consumer is done with is
 * deleted at its next pull, a blob at once, an object with its members (deep), as vineyardd does.
 */
final class StreamCommands {
  private static final System.Logger LOG = System.getLogger(StreamCommands.class.getName());

  private final ServerCore core;
  private final BulkStore store;
  private final StreamTable streams = new StreamTable();
  private final Deletion deletion;

  StreamCommands(ServerCore core) {
    this.core = core;
    this.store = core.store();
    this.deletion = core.deletion();
  }

  void register(Dispatcher d) {
    d.on(
        CreateStreamRequest.class,
        (s, r) -> {
          streams.create(r.objectId());
          return new CreateStreamReply();
        });
    d.on(
        OpenStreamRequest.class,
        (s, r) -> {
          streams.open(r.objectId(), r.mode());
          return new OpenStreamReply();
        });
    d.on(GetNextStreamChunkRequest.class, this::next);
    d.on(
        PushNextStreamChunkRequest.class,
        (s, r) -> {
          streams.push(r.id(), r.chunk());
          return new PushNextStreamChunkReply();
        });
    d.on(
        PullNextStreamChunkRequest.class,
        (s, r) ->
            new PullNextStreamChunkReply(
                streams.pull(r.id(), this::dispose, () -> s.peerConnected() && !core.closed())));
    d.on(
        StopStreamRequest.class,
        (s, r) -> {
          streams.stop(r.id(), r.failed(), id -> seal(s, id));
          return new StopStreamReply();
        });
    d.on(
        DropStreamRequest.class,
        (s, r) -> {
          streams.drop(r.id(), this::dispose);
          return new DropStreamReply();
        });
  }

  private GetNextStreamChunkReply next(Session session, GetNextStreamChunkRequest request) {
    if (request.size() < 0) {
      throw new VineyardException.Invalid(
          "field 'size': a chunk cannot have a negative size (" + request.size() + ")");
    }
    BlobHandle[] made = new BlobHandle[1];
    streams.next(
        request.id(),
        id -> seal(session, id),
        () -> {
          made[0] = store.create(session.id(), core.ids().nextBlobId(), request.size());
          return made[0].id();
        });
    Payload p = BlobCommands.payload(made[0]);
    int fd = p.dataSize() > 0 && session.passFd(p.storeFd()) ? p.storeFd() : -1;
    return new GetNextStreamChunkReply(p, fd);
  }

  /**
   * A chunk the instance allocated becomes readable by the consumer when handed over; false when it
   * is gone (its producer disconnected before, which frees an unsealed blob).
   */
  private boolean seal(Session session, ObjectId chunk) {
    if (!store.contains(chunk)) {
      return false;
    }
    store.seal(session.id(), chunk);
    return true;
  }

  /** Deletes a chunk nobody reads any more; a failure is logged, the stream goes on. */
  private void dispose(ObjectId chunk) {
    try {
      if (chunk.isBlob()) {
        store.delete(chunk);
      } else if (core.meta().contains(chunk)) {
        deletion.delete(-1, new DelDataRequest(List.of(chunk), false, true, false, false));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot delete stream chunk " + chunk + ": " + e.getMessage());
    }
  }
}
