package io.vineyard.client.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.PutContext;
import io.vineyard.protocol.Json;

/** The {@link PutContext} a client hands to plugins: blobs, members and metadata on its connection. */
final class ClientPutContext implements PutContext {
  private final IpcClient client;

  ClientPutContext(IpcClient client) {
    this.client = client;
  }

  @Override
  public BlobWriter createBlob(long size) {
    return client.createBlob(size);
  }

  /** The tree vineyardd keeps for a blob, built here (blobs have no create_data). */
  @Override
  public ObjectMeta blobMeta(BlobWriter sealed) {
    if (!(sealed instanceof ClientBlobWriter w) || !w.isSealed()) {
      throw new VineyardException.ObjectNotSealed("blob " + sealed.id() + " must be created by this client and sealed before it is used");
    }
    var tree = Json.object();
    tree.put("typename", "vineyard::Blob");
    tree.put("id", w.id().toString());
    tree.put("length", w.size());
    tree.put("nbytes", w.size());
    tree.set("instance_id", Json.idNode(ObjectId.of(client.instanceId())));
    tree.put("transient", true);
    return ObjectMeta.of(tree);
  }

  @Override
  public ObjectMeta putMember(Object value) {
    return switch (value) {
      case ObjectId id -> client.getMeta(id);
      case VineyardObject o -> o.meta();
      default -> client.putMeta(value);
    };
  }

  @Override
  public ObjectMeta create(ObjectMeta meta) {
    return client.createMetadata(meta);
  }
}
