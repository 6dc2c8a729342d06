package io.vineyard.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Json;
import io.vineyard.protocol.Payload;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The blob lifecycle: create_buffer, seal, get_buffers, release, drop_buffer, reference counts. */
final class BlobCommands {
  private final ServerCore core;
  private final BulkStore store;

  BlobCommands(ServerCore core) {
    this.core = core;
    this.store = core.store();
  }

  void register(Map<Command, Dispatcher.Handler> h) {
    h.put(Command.CREATE_BUFFER, this::create);
    h.put(Command.SEAL, this::seal);
    h.put(Command.GET_BUFFERS, this::get);
    h.put(Command.RELEASE, (s, r) -> {
      store.release(s.id(), Json.id(r, "object_id"));
      return Reply.ok(Command.RELEASE);
    });
    h.put(Command.DROP_BUFFER, (s, r) -> {
      store.drop(s.id(), Json.id(r, "id"));
      return Reply.ok(Command.DROP_BUFFER);
    });
    h.put(Command.INCREASE_REFERENCE_COUNT, this::increaseReferences);
  }

  /** The wire payload of a blob: the client maps the whole arena file, the data at its offset. */
  static Payload payload(BlobHandle b) {
    if (b.size() == 0) {
      return Payload.empty();
    }
    return new Payload(b.id(), b.storeFd(), b.offset(), b.size(), b.mapSize() + Payload.REALIGN, 0, b.sealed(), true);
  }

  private Reply create(Session session, ObjectNode request) {
    long size = Json.requiredLong(request, "size");
    if (size < 0) {
      throw new VineyardException.Invalid("field 'size': a buffer cannot have a negative size (" + size + ")");
    }
    BlobHandle b = store.create(session.id(), core.ids().nextBlobId(), size);
    Payload p = payload(b);
    int fd = p.dataSize() > 0 && session.firstSend(p.storeFd()) ? p.storeFd() : -1;
    ObjectNode reply = Reply.body(Command.CREATE_BUFFER);
    Json.putId(reply, "id", b.id());
    reply.put("fd", fd);
    reply.set("created", p.toJson(Json.object()));
    return new Reply(reply, fd == -1 ? List.of() : List.of(fd));
  }

  /** Seals, and (as vineyardd does) the sealing connection holds a reference until release or disconnect. */
  private Reply seal(Session session, ObjectNode request) {
    ObjectId id = Json.id(request, "object_id");
    store.seal(session.id(), id);
    if (!id.equals(ObjectId.EMPTY_BLOB)) {
      store.acquire(session.id(), id, false);
    }
    return Reply.ok(Command.SEAL);
  }

  /** Ids from {@code ids: [..]} or vineyardd's {@code num} + {@code "0"}, {@code "1"}, ... */
  static List<ObjectId> requestedIds(ObjectNode request) {
    JsonNode array = request.get("ids");
    if (array != null && array.isArray()) {
      return Json.ids(request, "ids");
    }
    long num = Json.requiredLong(request, "num");
    if (num < 0 || num > request.size()) {
      throw new VineyardException.Invalid("field 'num': " + num + " does not match the ids given");
    }
    List<ObjectId> ids = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      ids.add(Json.id(request, Integer.toString(i)));
    }
    return ids;
  }

  private Reply get(Session session, ObjectNode request) {
    List<ObjectId> ids = requestedIds(request);
    boolean unsafe = Json.bool(request, "unsafe", false);
    List<Payload> payloads = new ArrayList<>();
    List<ObjectId> acquired = new ArrayList<>();
    try {
      for (ObjectId id : ids) {
        if (id.equals(ObjectId.EMPTY_BLOB)) {
          payloads.add(Payload.empty());
        } else {
          try {
            payloads.add(payload(store.acquire(session.id(), id, unsafe)));
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
    ObjectNode reply = Reply.body(Command.GET_BUFFERS);
    ArrayNode list = reply.putArray("payloads");
    ArrayNode fdList = reply.putArray("fds");
    List<Integer> fds = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      Payload p = payloads.get(i);
      list.add(p.toJson(Json.object()));
      reply.set(Integer.toString(i), p.toJson(Json.object()));
      if (p.dataSize() > 0 && session.firstSend(p.storeFd())) {
        fds.add(p.storeFd());
        fdList.add(p.storeFd());
      }
    }
    reply.put("num", payloads.size());
    reply.put("compress", false);
    return new Reply(reply, fds);
  }

  private Reply increaseReferences(Session session, ObjectNode request) {
    for (ObjectId id : Json.ids(request, "ids")) {
      if (!id.equals(ObjectId.EMPTY_BLOB)) {
        store.acquire(session.id(), id, true);
      }
    }
    return Reply.ok(Command.INCREASE_REFERENCE_COUNT);
  }
}
