package io.vineyard.client.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.PutContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link PutContext} a client hands to plugins for one {@code put}: blobs, members and metadata
 * on its connection. It remembers what it created so that a put failing half-way (a member that no
 * plugin can put, a full store) leaves nothing behind: see {@link #undo}.
 */
final class ClientPutContext implements PutContext {
  private static final System.Logger LOG = System.getLogger(ClientPutContext.class.getName());

  private final IpcClient client;
  private final List<BlobWriter> blobs = new ArrayList<>();
  private final List<ObjectId> objects = new ArrayList<>();

  ClientPutContext(IpcClient client) {
    this.client = client;
  }

  @Override
  public BlobWriter createBlob(long size) {
    BlobWriter w = client.createBlob(size);
    blobs.add(w);
    return w;
  }

  /** The tree vineyardd keeps for a blob, built here (blobs have no create_data). */
  @Override
  public ObjectMeta blobMeta(BlobWriter sealed) {
    if (!(sealed instanceof ClientBlobWriter w) || !w.isSealed()) {
      throw new VineyardException.ObjectNotSealed(
          "blob " + sealed.id() + " must be created by this client and sealed before it is used");
    }
    return ObjectMeta.blob(w.id(), w.size(), client.instanceId());
  }

  @Override
  public ObjectMeta putMember(Object value) {
    return switch (value) {
      case ObjectId id -> client.getMeta(id);
      case VineyardObject o -> o.meta();
      default -> client.putMeta(value, this);
    };
  }

  @Override
  public ObjectMeta create(ObjectMeta meta) {
    ObjectMeta created = client.createMetadata(meta);
    objects.add(created.id());
    return created;
  }

  /**
   * Deletes what this put created, newest first; failures are added to {@code cause} as suppressed.
   */
  void undo(RuntimeException cause) {
    for (int i = objects.size() - 1; i >= 0; i--) {
      try {
        client.delete(List.of(objects.get(i)), true, false);
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
    for (BlobWriter w : blobs) {
      try {
        if (w instanceof ClientBlobWriter cw && cw.isSealed() && client.exists(w.id())) {
          client.delete(List.of(w.id()), true, false);
        } else {
          w.close();
        }
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
    LOG.log(
        System.Logger.Level.DEBUG,
        "undid a failed put: " + objects.size() + " objects, " + blobs.size() + " blobs");
  }
}
