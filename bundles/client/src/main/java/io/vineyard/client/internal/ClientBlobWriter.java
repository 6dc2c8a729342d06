package io.vineyard.client.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.lang.foreign.MemorySegment;

/**
 * An unsealed blob created by this client, written in place through the client's read-write
 * mapping. {@link #seal()} sends seal_request (the connection then holds a reference to the blob,
 * until this writer is closed or collected); {@link #close()} before sealing sends
 * drop_buffer_request, freeing the memory.
 */
final class ClientBlobWriter implements BlobWriter {
  private enum State {
    OPEN,
    SEALED,
    DROPPED
  }

  private final IpcClient client;
  private final ObjectId id;
  private MemorySegment segment;
  private final boolean streamed;
  private State state = State.OPEN;
  private java.lang.ref.Cleaner.Cleanable sealRef;

  ClientBlobWriter(IpcClient client, ObjectId id, MemorySegment segment) {
    this(client, id, segment, false);
  }

  /**
   * A writer; a {@code streamed} one is a stream's chunk, which the instance hands over (sealed)
   * itself: closing it does not drop it.
   */
  ClientBlobWriter(IpcClient client, ObjectId id, MemorySegment segment, boolean streamed) {
    this.client = client;
    this.id = id;
    this.segment = segment;
    this.streamed = streamed;
  }

  @Override
  public ObjectId id() {
    return id;
  }

  @Override
  public long size() {
    return segment.byteSize();
  }

  @Override
  public synchronized MemorySegment segment() {
    if (state == State.DROPPED) {
      throw new IllegalStateException(
          "blob " + id + " was dropped (its writer was closed before sealing)");
    }
    if (!segment.scope().isAlive()) {
      throw new IllegalStateException("blob " + id + ": the client that created it is closed");
    }
    return segment;
  }

  synchronized boolean isSealed() {
    return state == State.SEALED;
  }

  @Override
  public synchronized ObjectId seal() {
    switch (state) {
      case SEALED -> throw new VineyardException.ObjectSealed("blob " + id + " is already sealed");
      case DROPPED ->
          throw new IllegalStateException(
              "blob " + id + " was dropped (its writer was closed before sealing)");
      case OPEN -> {
        client.seal(id);
        state = State.SEALED;
        IpcClient c = client;
        ObjectId sealed = id;
        sealRef = BlobLease.CLEANER.register(this, () -> c.unhold(sealed));
      }
    }
    return id;
  }

  @Override
  public synchronized void shrink(long size) {
    if (state != State.OPEN) {
      throw new VineyardException.ObjectSealed(
          "blob " + id + " is " + state.name().toLowerCase() + ": it can no longer be shrunk");
    }
    if (size < 0 || size > segment.byteSize()) {
      throw new VineyardException.Invalid(
          "cannot shrink blob "
              + id
              + " of "
              + segment.byteSize()
              + " bytes to "
              + size
              + " bytes: the new size must be between 0 and its size");
    }
    client.shrink(id, size);
    segment = segment.asSlice(0, size);
  }

  @Override
  public synchronized void close() {
    if (state == State.OPEN && !streamed) {
      state = State.DROPPED;
      client.drop(id);
    } else if (sealRef != null) {
      sealRef.clean(); // once: the seal's reference is due for release
    }
  }

  @Override
  public String toString() {
    return "BlobWriter<"
        + id
        + ", "
        + segment.byteSize()
        + " bytes, "
        + state.name().toLowerCase()
        + ">";
  }
}
