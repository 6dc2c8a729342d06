package io.vineyard.server.internal;

import io.vineyard.api.Blob;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Json;
import io.vineyard.store.BlobHandle;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Object metadata: create_data (members expanded, then checked by the typename's plugin),
 * get_data, list_data, exists, and the delete commands.
 */
final class DataCommands {
  /** How often a waiting get_data looks again for the objects it waits for. */
  private static final long WAIT_POLL_MILLIS = 20;

  private final ServerCore core;
  private final Trees trees;
  private final Deletion deletion;

  DataCommands(ServerCore core) {
    this.core = core;
    this.trees = new Trees(core.store(), core.meta());
    this.deletion = new Deletion(core.store(), core.meta());
  }

  void register(Map<Command, Dispatcher.Handler> h) {
    h.put(Command.CREATE_DATA, (s, r) -> create(r));
    h.put(Command.GET_DATA, this::get);
    h.put(Command.LIST_DATA, (s, r) -> list(r));
    h.put(Command.EXISTS, (s, r) -> {
      ObjectNode reply = Reply.body(Command.EXISTS);
      reply.put("exists", trees.exists(Json.id(r, "id")));
      return Reply.of(reply);
    });
    h.put(Command.DEL_DATA, (s, r) -> {
      deletion.delete(s.id(), r);
      return Reply.ok(Command.DEL_DATA);
    });
    h.put(Command.DEL_DATA_WITH_FEEDBACKS, (s, r) -> {
      List<ObjectId> blobs = deletion.delete(s.id(), r);
      ObjectNode reply = Reply.body(Command.DEL_DATA_WITH_FEEDBACKS);
      Json.putIds(reply, "deleted_bids", blobs);
      return Reply.of(reply);
    });
    h.put(Command.CLEAR, (s, r) -> {
      deletion.clear();
      return Reply.ok(Command.CLEAR);
    });
  }

  private Reply create(ObjectNode request) {
    JsonNode content = request.get("content");
    if (content == null || !content.isObject()) {
      throw new VineyardException.MetaTreeInvalid("field 'content': expected the object's metadata tree (a JSON object)");
    }
    ObjectNode tree = ((ObjectNode) content).deepCopy();
    JsonNode typename = tree.get("typename");
    if (typename == null || !typename.isTextual() || typename.asText().isEmpty()) {
      throw new VineyardException.MetaTreeInvalid("content has no 'typename' (a non-empty string)");
    }
    if (typename.asText().equals(Blob.TYPENAME)) {
      throw new VineyardException.AssertionFailed("a vineyard::Blob has no metadata of its own: create it with create_buffer_request");
    }
    trees.expandMembers(tree, "");
    ObjectId id = core.ids().nextObjectId();
    JsonNode sig = tree.get("signature");
    long signature = sig != null && sig.canConvertToLong() ? sig.asLong() : core.ids().nextSignature();
    long instance = core.meta().instanceId();
    tree.put("id", id.toString());
    tree.put("signature", signature);
    tree.put("instance_id", instance);
    tree.put("transient", true);
    if (!tree.has("nbytes")) {
      tree.put("nbytes", 0);
    }
    core.validator().validate(tree); // the complete tree, as it would be stored and read back
    core.meta().put(tree);
    if (trees.spansInstances(tree)) {
      // members of other instances are global: so is an object made of them, from the start
      try {
        core.meta().persist(id);
      } catch (RuntimeException e) {
        core.meta().remove(id);
        throw e;
      }
    }
    ObjectNode reply = Reply.body(Command.CREATE_DATA);
    Json.putId(reply, "id", id);
    reply.put("signature", signature);
    reply.put("instance_id", instance);
    return Reply.of(reply);
  }

  /**
   * Absent IDs are left out, as vineyardd does; with {@code wait}, the reply waits until every ID
   * exists (only this connection waits, and it stops waiting when the client goes away).
   */
  private Reply get(Session session, ObjectNode request) {
    List<ObjectId> ids = Json.ids(request, "id");
    boolean wait = Json.bool(request, "wait", false);
    ObjectNode reply = Reply.body(Command.GET_DATA);
    ObjectNode content = reply.putObject("content");
    while (true) {
      for (ObjectId id : ids) {
        if (!content.has(id.toString())) {
          trees.find(id).ifPresent(t -> content.set(id.toString(), t));
        }
      }
      if (!wait || content.size() >= new java.util.HashSet<>(ids).size() || !session.peerConnected()) {
        return Reply.of(reply);
      }
      try {
        Thread.sleep(WAIT_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Reply.of(reply);
      }
    }
  }

  private Reply list(ObjectNode request) {
    String pattern = request.has("pattern") ? Json.requiredText(request, "pattern") : "*";
    boolean regex = Json.bool(request, "regex", false);
    long limit = Json.longOr(request, "limit", 5);
    if (limit < 0) {
      throw new VineyardException.Invalid("field 'limit': must not be negative (" + limit + ")");
    }
    Predicate<String> matches = TypenamePattern.compile(pattern, regex);
    ObjectNode reply = Reply.body(Command.LIST_DATA);
    ObjectNode content = reply.putObject("content");
    int max = (int) Math.min(limit, Integer.MAX_VALUE);
    for (ObjectNode t : core.meta().list(matches, max)) {
      content.set(t.path("id").asText(), t);
    }
    if (content.size() < max && matches.test(Blob.TYPENAME)) {
      for (BlobHandle b : core.store().blobs()) {
        if (content.size() >= max) {
          break;
        }
        if (b.sealed()) {
          content.set(b.id().toString(), trees.blobTree(b.id(), b.size()));
        }
      }
    }
    return Reply.of(reply);
  }
}
