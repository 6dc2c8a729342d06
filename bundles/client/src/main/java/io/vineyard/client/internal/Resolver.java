package io.vineyard.client.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ResolveContext;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@link ResolveContext} of one {@code getObject}/{@code get}: the local blobs of the tree,
 * fetched up front in one get_buffers exchange; a blob asked for later is fetched on demand.
 *
 * <p>The fetch counts once per blob in the connection's {@link BlobRefs} until {@link #close()},
 * which the client calls when the get returns: by then every blob the plugin used has a view with
 * its own {@link BlobLease}, and blobs no view took are released. A plugin that keeps the context
 * and asks for a blob later gets it fetched again.
 */
final class Resolver implements ResolveContext, AutoCloseable {
  private final IpcClient client;
  private final Map<ObjectId, MemorySegment> segments;
  private final List<BlobLease> leases = new ArrayList<>();
  private boolean closed;

  /** A context over blobs just fetched, each counted once in the client's refs. */
  Resolver(IpcClient client, Map<ObjectId, MemorySegment> segments) {
    this.client = client;
    this.segments = new HashMap<>(segments);
  }

  @Override
  public synchronized Blob blob(ObjectMeta blobMeta) {
    ObjectId id = blobMeta.id();
    if (ObjectId.EMPTY_BLOB.equals(id)) {
      return BlobView.empty(blobMeta, client.emptySegment());
    }
    MemorySegment s = closed ? null : segments.get(id);
    if (s != null) {
      return lease(blobMeta, s);
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
    Map<ObjectId, MemorySegment> got = client.fetch(new TreeSet<>(List.of(id)));
    s = got.get(id);
    if (s == null) {
      return BlobView.absent(
          blobMeta, "instance " + Long.toUnsignedString(owner) + " did not return it (deleted?)");
    }
    if (!closed) {
      segments.put(id, s);
      return lease(blobMeta, s);
    }
    try {
      return lease(blobMeta, s);
    } finally {
      client.refs().drop(id); // the fetch's own count: the lease holds it now
    }
  }

  private BlobView lease(ObjectMeta blobMeta, MemorySegment s) {
    BlobLease lease = BlobLease.open(client.refs(), blobMeta.id(), s);
    if (!closed) {
      leases.add(lease);
    }
    return BlobView.local(blobMeta, lease);
  }

  @Override
  public VineyardObject view(ObjectMeta member) {
    return client.view(member, this);
  }

  @Override
  public Object resolve(ObjectMeta member) {
    return client.resolve(member, this);
  }

  /**
   * Closes every view this context made: for a get whose value is a copy, so its references go back
   * at once instead of when the collector finds them.
   */
  synchronized void closeViews() {
    leases.forEach(BlobLease::close);
  }

  /** The get is over: gives back the fetch's counts. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    leases.clear();
    segments.keySet().forEach(client.refs()::drop);
    segments.clear();
  }
}
