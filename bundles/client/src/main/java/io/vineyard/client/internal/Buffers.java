package io.vineyard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Json;
import io.vineyard.protocol.Payload;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The two exchanges that carry store descriptors: create_buffer (one fd when {@code fd != -1})
 * and get_buffers (one fd per entry of {@code fds}, in order), each received right after its
 * reply under the connection lock and mapped by {@link Mappings}.
 */
final class Buffers {
  private final IpcConnection conn;
  private final Mappings mappings;

  /** A blob just created: its ID and its writable bytes. */
  record Created(ObjectId id, MemorySegment segment) {}

  Buffers(IpcConnection conn, Mappings mappings) {
    this.conn = conn;
    this.mappings = mappings;
  }

  /** create_buffer_request {size}: a new unsealed blob and its writable bytes. */
  Created create(long size) {
    if (size < 0) {
      throw new VineyardException.Invalid("blob size must not be negative, got " + size);
    }
    ObjectNode req = Json.object();
    req.put("size", size);
    return conn.call(Command.CREATE_BUFFER, req, (reply, socket) -> {
      ObjectId id = Json.id(reply, "id");
      JsonNode created = reply.get("created");
      if (created == null || !created.isObject()) {
        throw new VineyardException.Invalid("create_buffer_reply for " + id + " has no 'created' payload");
      }
      Payload p = Payload.fromJson(created);
      long fd = Json.longOr(reply, "fd", Long.MIN_VALUE);
      // vineyardd's client: without "fd", receive when the store file is new
      List<Integer> declared = fd == Long.MIN_VALUE ? mappings.unmapped(List.of(p)) : fd == -1 ? List.of() : List.of((int) fd);
      mappings.receive(List.of(p), declared, socket::receiveFd);
      if (p.dataSize() != size) {
        throw new VineyardException.Invalid("create_buffer_reply for " + id + ": asked for " + size + " bytes, got " + p.dataSize());
      }
      return new Created(id, mappings.view(p, true));
    });
  }

  /**
   * get_buffers_request {num, "0": id, ..., unsafe: false} for ids in ascending unsigned order.
   *
   * @return read-only views by blob ID; blobs the server no longer has are missing
   */
  Map<ObjectId, MemorySegment> fetch(SortedSet<ObjectId> ids) {
    ObjectNode req = Json.object();
    req.put("num", ids.size());
    int i = 0;
    for (ObjectId id : ids) {
      Json.putId(req, Integer.toString(i++), id);
    }
    req.put("unsafe", false);
    return conn.call(Command.GET_BUFFERS, req, (reply, socket) -> {
      List<Payload> payloads = payloads(reply);
      JsonNode fds = reply.get("fds");
      List<Integer> declared = new ArrayList<>();
      if (fds != null && fds.isArray()) {
        fds.forEach(fd -> declared.add(fd.asInt()));
      } else {
        declared.addAll(mappings.unmapped(payloads));
      }
      mappings.receive(payloads, declared, socket::receiveFd);
      Map<ObjectId, MemorySegment> out = new HashMap<>();
      for (Payload p : payloads) {
        out.put(p.objectId(), mappings.view(p, false));
      }
      return out;
    });
  }

  /** The payloads of a get_buffers_reply: the {@code payloads} array, else {@code num} numbered keys. */
  static List<Payload> payloads(ObjectNode reply) {
    List<Payload> out = new ArrayList<>();
    JsonNode array = reply.get("payloads");
    if (array != null && array.isArray()) {
      array.forEach(p -> out.add(Payload.fromJson(p)));
      return out;
    }
    long num = Json.longOr(reply, "num", 0);
    for (int i = 0; i < num; i++) {
      JsonNode p = reply.get(Integer.toString(i));
      if (p == null || !p.isObject()) {
        throw new VineyardException.Invalid("get_buffers_reply announces " + num + " payloads but has no payload \"" + i + "\"");
      }
      out.add(Payload.fromJson(p));
    }
    return out;
  }
}
