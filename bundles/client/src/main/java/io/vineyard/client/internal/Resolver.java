package io.vineyard.client.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ResolveContext;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@link ResolveContext} of one {@code getObject}/{@code get}: the local blobs of the tree,
 * fetched up front in one get_buffers exchange; a blob asked for later is fetched on demand.
 */
final class Resolver implements ResolveContext {
  private final IpcClient client;
  private final Map<ObjectId, MemorySegment> segments;

  Resolver(IpcClient client, Map<ObjectId, MemorySegment> segments) {
    this.client = client;
    this.segments = segments;
  }

  @Override
  public synchronized Blob blob(ObjectMeta blobMeta) {
    ObjectId id = blobMeta.id();
    MemorySegment s = segments.get(id);
    if (s != null) {
      return BlobView.local(blobMeta, s);
    }
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return BlobView.local(blobMeta, client.emptySegment());
    }
    long owner = blobMeta.instanceId();
    if (owner != client.instanceId()) {
      return BlobView.absent(
          blobMeta,
          "it lives on instance "
              + Long.toUnsignedString(owner)
              + " and this client is connected to instance "
              + Long.toUnsignedString(client.instanceId()));
    }
    segments.putAll(client.fetch(new TreeSet<>(java.util.List.of(id))));
    s = segments.get(id);
    return s != null
        ? BlobView.local(blobMeta, s)
        : BlobView.absent(
            blobMeta, "instance " + Long.toUnsignedString(owner) + " did not return it (deleted?)");
  }

  @Override
  public VineyardObject view(ObjectMeta member) {
    return client.view(member, this);
  }

  @Override
  public Object resolve(ObjectMeta member) {
    return client.resolve(member, this);
  }
}
