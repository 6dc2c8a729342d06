package io.vineyard.server.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.RemoteMessages.MigrateObjectReply;
import io.vineyard.protocol.RemoteMessages.MigrateObjectRequest;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code migrate_object_request}: the payload of an object whose blobs live on other instances is
 * copied into this one, instance to instance through each owner's RPC endpoint (found in the
 * cluster's instance registry), never through the client.
 *
 * <p>As vineyardd: the copied blobs get new IDs; every object of the tree that holds one of them is
 * created again on this instance (new ID, same signature, {@code instance_id} this one) and the new
 * tree is persisted; the reply names it. An object whose payload is all here already is answered
 * with its own ID. Unlike vineyardd, whose migration reads every blob from the one instance that
 * created the object, each blob is fetched from the instance that holds it, and blobs of this
 * instance stay as they are: a pair made of two instances' arrays migrates to either instance.
 */
final class MigrateCommands {
  private static final System.Logger LOG = System.getLogger(MigrateCommands.class.getName());
  private static final long PEER_MAX_FRAME = 64L << 20;

  private final ServerCore core;
  private final BulkStore store;
  private final Trees trees;

  MigrateCommands(ServerCore core) {
    this.core = core;
    this.store = core.store();
    this.trees = new Trees(core.store(), core.meta());
  }

  void register(Dispatcher d) {
    d.on(MigrateObjectRequest.class, this::migrate);
  }

  private MigrateObjectReply migrate(Session session, MigrateObjectRequest request) {
    ObjectId id = request.objectId();
    if (id.isBlob()) {
      throw new VineyardException.Invalid(
          "blobs cannot be directly migrated (" + id + "): migrate an object that holds it");
    }
    core.meta().sync();
    ObjectMeta tree =
        trees
            .find(id)
            .orElseThrow(
                () -> new VineyardException.ObjectNotExists("object " + id + " does not exist"));
    long here = core.meta().instanceId();
    Map<Long, List<ObjectId>> remote = new TreeMap<>();
    collectRemote(tree, here, remote);
    if (remote.isEmpty()) {
      return new MigrateObjectReply(id);
    }
    long start = System.nanoTime();
    Map<ObjectId, BlobHandle> copies = new HashMap<>();
    List<ObjectId> created = new ArrayList<>();
    try {
      for (Map.Entry<Long, List<ObjectId>> e : remote.entrySet()) {
        fetch(session, e.getKey(), e.getValue(), copies);
      }
      ObjectMeta migrated = recreate(tree, copies, here, created);
      core.meta().persist(migrated.id());
      long bytes = copies.values().stream().mapToLong(BlobHandle::size).sum();
      LOG.log(
          Level.INFO,
          "migrated "
              + id
              + " as "
              + migrated.id()
              + ": "
              + copies.size()
              + " blobs, "
              + bytes
              + " bytes from instances "
              + remote.keySet()
              + " in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms");
      return new MigrateObjectReply(migrated.id());
    } catch (RuntimeException e) {
      created.forEach(core.meta()::remove);
      copies.values().forEach(b -> store.delete(b.id()));
      throw e;
    }
  }

  /** The blobs of the tree that live on other instances, by instance. */
  private static void collectRemote(ObjectMeta tree, long here, Map<Long, List<ObjectId>> out) {
    for (ObjectMeta m : tree.members().values()) {
      if (!m.has("id") || !m.has("typename")) {
        continue;
      }
      ObjectId mid = m.id();
      if (mid.isBlob()) {
        if (!mid.equals(ObjectId.EMPTY_BLOB) && m.instanceId() != here) {
          List<ObjectId> ids = out.computeIfAbsent(m.instanceId(), k -> new ArrayList<>());
          if (!ids.contains(mid)) {
            ids.add(mid);
          }
        }
      } else {
        collectRemote(m, here, out);
      }
    }
  }

  /** Copies the blobs of one instance into new sealed blobs of this one. */
  private void fetch(
      Session session, long instance, List<ObjectId> blobs, Map<ObjectId, BlobHandle> copies) {
    InstanceInfo owner =
        core.meta().instances().stream()
            .filter(i -> i.id() == instance)
            .findFirst()
            .orElseThrow(
                () ->
                    new VineyardException.Invalid(
                        "the payload of "
                            + blobs.size()
                            + " blobs is on instance "
                            + instance
                            + ", which is not in the cluster"));
    if (!owner.hasRpcEndpoint()) {
      throw new VineyardException.Invalid(
          "the payload of "
              + blobs.size()
              + " blobs is on instance "
              + instance
              + ", which serves no RPC endpoint to fetch it from (start it with --rpc)");
    }
    try (RpcPeer peer = RpcPeer.connect(owner.rpcEndpoint(), PEER_MAX_FRAME)) {
      List<Payload> payloads = peer.getRemoteBuffers(blobs);
      List<BlobHandle> created = new ArrayList<>();
      for (Payload p : payloads) {
        BlobHandle b = store.create(session.id(), core.ids().nextBlobId(), p.dataSize());
        created.add(b);
        copies.put(p.objectId(), b);
      }
      for (BlobHandle b : created) {
        peer.wire().receive(core.files().file(b.storeFd()), b.offset(), b.size());
      }
      for (BlobHandle b : created) {
        store.seal(session.id(), b.id());
      }
    } catch (IOException e) {
      throw new VineyardException.ConnectionError(
          "fetching "
              + blobs.size()
              + " blobs from instance "
              + instance
              + " at "
              + owner.rpcEndpoint()
              + " failed: "
              + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new VineyardException.UnknownError(e.getMessage());
    }
  }

  /**
   * The tree again with the copied blobs: each object holding one (at any depth) is created anew on
   * this instance; the others are kept as they are.
   */
  private ObjectMeta recreate(
      ObjectMeta tree, Map<ObjectId, BlobHandle> copies, long here, List<ObjectId> created) {
    Map<String, ObjectMeta> members = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<String, ObjectMeta> e : tree.members().entrySet()) {
      ObjectMeta m = e.getValue();
      ObjectMeta now = m;
      if (m.has("id") && m.has("typename")) {
        BlobHandle copy = copies.get(m.id());
        if (copy != null && m.id().isBlob()) {
          now = ObjectMeta.blob(copy.id(), copy.size(), here);
        } else if (!m.id().isBlob() && holdsAny(m, copies)) {
          now = recreate(m, copies, here, created);
        }
      }
      if (now != m) {
        members.put(e.getKey(), now);
        changed = true;
      }
    }
    if (!changed) {
      return tree;
    }
    ObjectMeta.Builder b = tree.toBuilder();
    members.forEach(b::member);
    ObjectId newId = core.ids().nextObjectId();
    b.id(newId).put("instance_id", here).put("transient", true).remove("__name");
    ObjectMeta made = b.build();
    if (!made.typename().equals(Blob.TYPENAME)) {
      core.validator().validate(made);
    }
    core.meta().put(made);
    created.add(newId);
    return made;
  }

  private static boolean holdsAny(ObjectMeta tree, Map<ObjectId, BlobHandle> copies) {
    for (ObjectMeta m : tree.members().values()) {
      if (m.has("id") && m.has("typename")) {
        if (copies.containsKey(m.id()) || (!m.id().isBlob() && holdsAny(m, copies))) {
          return true;
        }
      }
    }
    return false;
  }
}
