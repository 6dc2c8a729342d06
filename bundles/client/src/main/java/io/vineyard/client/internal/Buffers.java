package io.vineyard.client.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.CreateBufferRequest;
import io.vineyard.protocol.BlobMessages.GetBuffersRequest;
import io.vineyard.protocol.Payload;
import java.lang.foreign.MemorySegment;
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

  /** A blob just created: its ID, its writable bytes and where they are. */
  record Created(ObjectId id, MemorySegment segment, Payload payload) {}

  Buffers(IpcConnection conn, Mappings mappings) {
    this.conn = conn;
    this.mappings = mappings;
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
   * get_buffers_request for ids in ascending unsigned order.
   *
   * @return read-only views by blob ID; blobs the server no longer has are missing
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
          return out;
        });
  }
}
