package io.vineyard.server.internal;

import io.vineyard.api.ErrorCode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.MetadataService;
import io.vineyard.protocol.NameMessages.DropNameReply;
import io.vineyard.protocol.NameMessages.DropNameRequest;
import io.vineyard.protocol.NameMessages.GetNameReply;
import io.vineyard.protocol.NameMessages.GetNameRequest;
import io.vineyard.protocol.NameMessages.IfPersistReply;
import io.vineyard.protocol.NameMessages.IfPersistRequest;
import io.vineyard.protocol.NameMessages.LabelReply;
import io.vineyard.protocol.NameMessages.LabelRequest;
import io.vineyard.protocol.NameMessages.ListNameReply;
import io.vineyard.protocol.NameMessages.ListNameRequest;
import io.vineyard.protocol.NameMessages.PersistReply;
import io.vineyard.protocol.NameMessages.PersistRequest;
import io.vineyard.protocol.NameMessages.PutNameReply;
import io.vineyard.protocol.NameMessages.PutNameRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Global metadata: persist, if_persist, names and labels. Whether "global" means the cluster or
 * this instance's durable store is the metadata service's business, not this class's.
 */
final class PersistCommands {
  /** How long one wait for a name lasts before the connection is checked again. */
  private static final Duration NAME_POLL = Duration.ofMillis(500);

  private final MetadataService meta;

  PersistCommands(ServerCore core) {
    this.meta = core.meta();
  }

  void register(Dispatcher d) {
    d.on(
        PersistRequest.class,
        (s, r) -> {
          meta.persist(r.id());
          return new PersistReply();
        });
    d.on(
        IfPersistRequest.class,
        (s, r) -> {
          ObjectId id = r.id();
          if (!id.isBlob() && !meta.contains(id)) {
            throw new VineyardException(ErrorCode.META_TREE_SUBTREE_NOT_EXISTS, "no object " + id);
          }
          return new IfPersistReply(!id.isBlob() && meta.isPersisted(id));
        });
    d.on(
        PutNameRequest.class,
        (s, r) -> {
          meta.putName(checked(r.name()), r.objectId());
          return new PutNameReply();
        });
    d.on(GetNameRequest.class, this::getName);
    d.on(
        LabelRequest.class,
        (s, r) -> {
          meta.label(r.id(), labels(r));
          return new LabelReply();
        });
    d.on(
        ListNameRequest.class,
        (s, r) -> {
          if (r.limit() < 0) {
            throw new VineyardException.Invalid(
                "field 'limit': must not be negative (" + r.limit() + ")");
          }
          Map<String, ObjectId> names =
              meta.listNames(
                  TypenamePattern.compile(r.pattern(), r.regex()),
                  (int) Math.min(r.limit(), Integer.MAX_VALUE));
          return new ListNameReply(names.size(), names);
        });
    d.on(
        DropNameRequest.class,
        (s, r) -> {
          meta.dropName(
              checked(r.name())); // dropping a name that is not there is fine, as in vineyardd
          return new DropNameReply();
        });
  }

  private static String checked(String name) {
    if (name.isEmpty()) {
      throw new VineyardException.Invalid("field 'name': must not be empty");
    }
    return name;
  }

  /** The labels of a label request: {@code keys} and {@code values} of one length. */
  private static Map<String, String> labels(LabelRequest request) {
    if (request.keys().size() != request.values().size()) {
      throw new VineyardException.Invalid(
          "field 'values': "
              + request.values().size()
              + " values for "
              + request.keys().size()
              + " keys in field 'keys'");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < request.keys().size(); i++) {
      out.put(request.keys().get(i), request.values().get(i));
    }
    return out;
  }

  /**
   * With {@code wait}, blocks this connection (only) until the name appears or the client goes
   * away.
   */
  private GetNameReply getName(Session session, GetNameRequest request) {
    String name = checked(request.name());
    Optional<ObjectId> id = meta.getName(name, Duration.ZERO);
    while (id.isEmpty() && request.waitFor() && session.peerConnected()) {
      id = meta.getName(name, NAME_POLL);
    }
    return new GetNameReply(
        id.orElseThrow(
            () -> new VineyardException.ObjectNotExists("failed to find name: " + name)));
  }
}
