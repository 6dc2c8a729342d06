package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.DataMessages.CreateDataReply;
import io.vineyard.protocol.DataMessages.CreateDataRequest;
import io.vineyard.protocol.ObjectMessages.CreateDatasReply;
import io.vineyard.protocol.ObjectMessages.CreateDatasRequest;
import io.vineyard.protocol.ObjectMessages.ShallowCopyReply;
import io.vineyard.protocol.ObjectMessages.ShallowCopyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Metadata beyond one object: create_datas (a batch) and shallow_copy. */
final class ObjectCommands {
  private static final java.util.Set<String> OWN_FIELDS =
      java.util.Set.of("id", "signature", "instance_id", "transient", "__name");

  private final ServerCore core;
  private final DataCommands data;

  ObjectCommands(ServerCore core) {
    this.core = core;
    this.data = new DataCommands(core);
  }

  void register(Dispatcher d) {
    d.on(CreateDatasRequest.class, (s, r) -> createAll(r));
    d.on(ShallowCopyRequest.class, (s, r) -> shallowCopy(r));
  }

  /**
   * Each tree as create_data would take it, in order; all or nothing: a tree that fails removes the
   * objects made before it, and the error names its index.
   */
  private CreateDatasReply createAll(CreateDatasRequest request) {
    List<ObjectId> ids = new ArrayList<>();
    List<Long> signatures = new ArrayList<>();
    List<Long> instances = new ArrayList<>();
    try {
      for (int i = 0; i < request.contents().size(); i++) {
        CreateDataReply one;
        try {
          one = data.create(new CreateDataRequest(request.contents().get(i)));
        } catch (VineyardException e) {
          throw VineyardException.of(
              e.code().code(), "field 'contents/" + i + "': " + e.getMessage());
        }
        ids.add(one.id());
        signatures.add(one.signature());
        instances.add(one.instanceId());
      }
    } catch (RuntimeException e) {
      for (ObjectId id : ids) {
        if (!core.meta().isPersisted(id)) {
          core.meta().remove(id);
        }
      }
      throw e;
    }
    return new CreateDatasReply(ids.size(), ids, signatures, instances);
  }

  /**
   * A new transient object whose tree is the original's (members are the same objects, not copies),
   * with {@code extra}'s fields laid over it; a blob cannot be copied this way (7).
   */
  private ShallowCopyReply shallowCopy(ShallowCopyRequest request) {
    ObjectId id = request.id();
    if (id.isBlob()) {
      throw new VineyardException.AssertionFailed(
          "cannot shallow-copy blob " + id + ": only objects made of members can be copied");
    }
    ObjectMeta original =
        core.meta()
            .get(id)
            .orElseThrow(
                () ->
                    new VineyardException.ObjectNotExists(
                        "cannot shallow-copy " + id + ": it does not exist"));
    ObjectId target = core.ids().nextObjectId();
    ObjectMeta.Builder copy =
        original.toBuilder()
            .id(target)
            .put("instance_id", core.meta().instanceId())
            .put("transient", true)
            .remove("__name");
    if (request.extra() != null) {
      for (Map.Entry<String, Object> e : request.extra().entries().entrySet()) {
        if (OWN_FIELDS.contains(e.getKey())) {
          throw new VineyardException.Invalid(
              "field 'extra': '" + e.getKey() + "' is the copy's own, it cannot be given");
        }
        copy.put(e.getKey(), e.getValue());
      }
    }
    ObjectMeta complete = copy.build();
    core.validator().validate(complete);
    core.meta().put(complete);
    return new ShallowCopyReply(target);
  }
}
