package io.vineyard.client.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.CreateBufferRequest;
import io.vineyard.protocol.BlobMessages.GetBuffersRequest;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.StoreMessages.CreateBuffersRequest;
import io.vineyard.protocol.StreamMessages.GetNextStreamChunkRequest;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The two exchanges that carry store descriptors: create_buffer (one fd when {@code fd != -1}) and
 * get_buffers (one fd per entry of {@code fds}, in order), each received right after its reply
 * under the connection lock and mapped by {@link Mappings}.
 */
final class Buffers {
  private final IpcConnection conn;
  private final Mappings mappings;
  private final BlobRefs refs;

  /** A blob just created: its ID, its writable bytes and where they are. */
  record Created(ObjectId id, MemorySegment segment, Payload payload) {}

  Buffers(IpcConnection conn, Mappings mappings, BlobRefs refs) {
    this.conn = conn;
    this.mappings = mappings;
    this.refs = refs;
  }

  /** create_buffer_request {size}: a new unsealed blob and its writable bytes. */
  Created create(long size) {
    if (size < 0) {
      throw new VineyardException.Invalid("blob size must not be negative, got " + size);
    }
    Created created =
        conn.call(
            new CreateBufferRequest(size),
            (reply, socket) -> {
              ObjectId id = reply.id();
              Payload p = reply.created();
              if (id == null || p == null) {
                throw new VineyardException.Invalid(
                    "create_buffer_reply for " + id + " has no 'created' payload");
              }
              // vineyardd's client: without "fd", receive when the store file is new
              List<Integer> declared =
                  reply.fd() == null
                      ? mappings.unmapped(List.of(p))
                      : reply.fd() == -1 ? List.of() : List.of(reply.fd());
              mappings.receive(List.of(p), declared, socket::receiveFd);
              if (p.dataSize() != size) {
                throw new VineyardException.Invalid(
                    "create_buffer_reply for "
                        + id
                        + ": asked for "
                        + size
                        + " bytes, got "
                        + p.dataSize());
              }
              return new Created(id, mappings.view(p, true), p);
            });
    mappings.populateForWrite(created.payload(), created.segment());
    return created;
  }

  /**
   * create_buffers_request {sizes}: new unsealed blobs and their writable bytes, in order; the
   * store fds of {@code fds} follow the reply.
   */
  List<Created> createAll(long... sizes) {
    List<Long> list = new ArrayList<>(sizes.length);
    for (long size : sizes) {
      if (size < 0) {
        throw new VineyardException.Invalid("blob size must not be negative, got " + size);
      }
      list.add(size);
    }
    return conn.call(
        new CreateBuffersRequest(list),
        (reply, socket) -> {
          List<Payload> payloads = reply.payloads();
          if (payloads == null || payloads.size() != sizes.length) {
            throw new VineyardException.Invalid(
                "create_buffers_reply has "
                    + (payloads == null ? "no" : payloads.size())
                    + " payloads for "
                    + sizes.length
                    + " sizes");
          }
          List<Integer> declared = reply.fds() != null ? reply.fds() : mappings.unmapped(payloads);
          mappings.receive(payloads, declared, socket::receiveFd);
          List<Created> out = new ArrayList<>(payloads.size());
          for (Payload p : payloads) {
            out.add(new Created(p.objectId(), mappings.view(p, true), p));
          }
          return out;
        });
  }

  /**
   * get_next_stream_chunk_request {id, size}: the stream's next chunk, allocated by the instance
   * and writable by this producer.
   */
  Created nextChunk(ObjectId stream, long size) {
    if (size < 0) {
      throw new VineyardException.Invalid("chunk size must not be negative, got " + size);
    }
    return conn.call(
        new GetNextStreamChunkRequest(stream, size),
        (reply, socket) -> {
          Payload p = reply.buffer();
          if (p == null) {
            throw new VineyardException.Invalid(
                "get_next_stream_chunk_reply of stream " + stream + " has no 'buffer'");
          }
          List<Integer> declared =
              reply.fd() == null
                  ? mappings.unmapped(List.of(p))
                  : reply.fd() == -1 ? List.of() : List.of(reply.fd());
          mappings.receive(List.of(p), declared, socket::receiveFd);
          return new Created(p.objectId(), mappings.view(p, true), p);
        });
  }

  /**
   * get_buffers_request for ids in ascending unsigned order.
   *
   * @return read-only views by blob ID, each counted once in the connection's refs (taken under the
   *     connection's lock, so no due release can overtake it) for the caller to drop; blobs the
   *     server no longer has are missing
   */
  Map<ObjectId, MemorySegment> fetch(SortedSet<ObjectId> ids) {
    return conn.call(
        new GetBuffersRequest(List.copyOf(ids), false),
        (reply, socket) -> {
          List<Payload> payloads = reply.payloads();
          List<Integer> declared = reply.fds() != null ? reply.fds() : mappings.unmapped(payloads);
          mappings.receive(payloads, declared, socket::receiveFd);
          Map<ObjectId, MemorySegment> out = new HashMap<>();
          for (Payload p : payloads) {
            out.put(p.objectId(), mappings.view(p, false));
          }
          for (ObjectId id : out.keySet()) {
            if (!ObjectId.EMPTY_BLOB.equals(id)) {
              refs.acquire(id);
            }
          }
          return out;
        });
  }
}
