package io.vineyard.server.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.DataMessages.ClearReply;
import io.vineyard.protocol.DataMessages.ClearRequest;
import io.vineyard.protocol.DataMessages.CreateDataReply;
import io.vineyard.protocol.DataMessages.CreateDataRequest;
import io.vineyard.protocol.DataMessages.DelDataReply;
import io.vineyard.protocol.DataMessages.DelDataRequest;
import io.vineyard.protocol.DataMessages.DelDataWithFeedbacksReply;
import io.vineyard.protocol.DataMessages.DelDataWithFeedbacksRequest;
import io.vineyard.protocol.DataMessages.ExistsReply;
import io.vineyard.protocol.DataMessages.ExistsRequest;
import io.vineyard.protocol.DataMessages.GetDataReply;
import io.vineyard.protocol.DataMessages.GetDataRequest;
import io.vineyard.protocol.DataMessages.ListDataRequest;
import io.vineyard.settings.Deadline;
import io.vineyard.store.BlobHandle;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Object metadata: create_data (members expanded, then checked by the typename's plugin), get_data,
 * list_data, exists, and the delete commands.
 */
final class DataCommands {
  /**
   * How often a waiting get_data looks again for the objects it waits for: objects appear through
   * this instance or through the cluster's replica, and neither tells the server's connections.
   */
  private static final Duration WAIT_POLL = Duration.ofMillis(20);

  private final ServerCore core;
  private final Trees trees;
  private final Deletion deletion;

  DataCommands(ServerCore core) {
    this.core = core;
    this.trees = new Trees(core.store(), core.meta());
    this.deletion = core.deletion();
  }

  void register(Dispatcher d) {
    d.on(CreateDataRequest.class, (s, r) -> create(r));
    d.on(GetDataRequest.class, this::get);
    d.on(ListDataRequest.class, (s, r) -> list(r));
    d.on(ExistsRequest.class, (s, r) -> new ExistsReply(trees.exists(r.id())));
    d.on(
        DelDataRequest.class,
        (s, r) -> {
          deletion.delete(s.id(), r);
          return new DelDataReply();
        });
    d.on(
        DelDataWithFeedbacksRequest.class,
        (s, r) -> new DelDataWithFeedbacksReply(deletion.delete(s.id(), r.plain())));
    d.on(
        ClearRequest.class,
        (s, r) -> {
          deletion.clear();
          return new ClearReply();
        });
  }

  /** Creates one object from its tree (also the step of each tree of create_datas). */
  CreateDataReply create(CreateDataRequest request) {
    ObjectMeta content = request.content();
    if (content == null) {
      throw new VineyardException.MetaTreeInvalid(
          "field 'content': expected the object's metadata tree (a JSON object)");
    }
    if (!(content.value("typename").orElse(null) instanceof String typename)
        || typename.isEmpty()) {
      throw new VineyardException.MetaTreeInvalid("content has no 'typename' (a non-empty string)");
    }
    if (typename.equals(Blob.TYPENAME)) {
      throw new VineyardException.AssertionFailed(
          "a vineyard::Blob has no metadata of its own: create it with create_buffer_request");
    }
    ObjectMeta expanded = trees.expandMembers(content, "");
    ObjectId id = core.ids().nextObjectId();
    long signature =
        expanded.value("signature").orElse(null) instanceof Long sig
            ? sig
            : core.ids().nextSignature();
    long instance = core.meta().instanceId();
    ObjectMeta.Builder tree =
        expanded.toBuilder()
            .id(id)
            .put("signature", signature)
            .put("instance_id", instance)
            .put("transient", true);
    if (!tree.has("nbytes")) {
      tree.nbytes(0);
    }
    ObjectMeta complete = tree.build();
    core.validator().validate(complete); // the complete tree, as it would be stored and read back
    core.meta().put(complete);
    if (trees.spansInstances(complete)) {
      // members of other instances are global: so is an object made of them, from the start
      try {
        core.meta().persist(id);
      } catch (RuntimeException e) {
        core.meta().remove(id);
        throw e;
      }
    }
    return new CreateDataReply(id, signature, instance);
  }

  /**
   * Absent IDs are left out, as vineyardd does; with {@code wait}, the reply waits until every ID
   * exists (only this connection waits, and it stops waiting when the client goes away).
   */
  private GetDataReply get(Session session, GetDataRequest request) {
    if (request.syncRemote()) {
      core.meta().sync(); // every change committed anywhere before this request is seen
    }
    Map<String, ObjectMeta> content = new LinkedHashMap<>();
    int wanted = new HashSet<>(request.id()).size();
    Deadline.never()
        .poll(
            WAIT_POLL,
            () -> {
              for (ObjectId id : request.id()) {
                if (!content.containsKey(id.toString())) {
                  trees.find(id).ifPresent(t -> content.put(id.toString(), t));
                }
              }
              return !request.waitFor() || content.size() >= wanted || !session.peerConnected();
            });
    return new GetDataReply(content);
  }

  private GetDataReply list(ListDataRequest request) {
    if (request.limit() < 0) {
      throw new VineyardException.Invalid(
          "field 'limit': must not be negative (" + request.limit() + ")");
    }
    Predicate<String> matches = TypenamePattern.compile(request.pattern(), request.regex());
    Map<String, ObjectMeta> content = new LinkedHashMap<>();
    int max = (int) Math.min(request.limit(), Integer.MAX_VALUE);
    core.meta().list(matches, max).forEach(t -> content.put(t.id().toString(), t));
    if (content.size() < max && matches.test(Blob.TYPENAME)) {
      for (BlobHandle b : core.store().blobs()) {
        if (content.size() >= max) {
          break;
        }
        if (b.sealed()) {
          content.put(b.id().toString(), trees.blobTree(b.id(), b.size()));
        }
      }
    }
    return new GetDataReply(content);
  }
}
