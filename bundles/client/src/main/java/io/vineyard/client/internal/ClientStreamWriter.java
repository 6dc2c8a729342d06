package io.vineyard.client.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.StreamWriter;
import io.vineyard.protocol.StreamMessages.PushNextStreamChunkRequest;
import io.vineyard.protocol.StreamMessages.StopStreamRequest;

/** A stream's producer side on its client's connection (no request of it waits). */
final class ClientStreamWriter implements StreamWriter {
  private final IpcClient client;
  private final ObjectId id;
  private boolean ended;

  ClientStreamWriter(IpcClient client, ObjectId id) {
    this.client = client;
    this.id = id;
  }

  @Override
  public ObjectId id() {
    return id;
  }

  @Override
  public synchronized BlobWriter nextChunk(long size) {
    return client.nextChunk(id, size);
  }

  @Override
  public synchronized void push(ObjectId chunk) {
    client.call(new PushNextStreamChunkRequest(id, chunk));
  }

  @Override
  public synchronized void stop() {
    client.call(new StopStreamRequest(id, false));
    ended = true;
  }

  @Override
  public synchronized void fail() {
    client.call(new StopStreamRequest(id, true));
    ended = true;
  }

  @Override
  public synchronized void close() {
    if (!ended) {
      stop();
    }
  }

  @Override
  public String toString() {
    return "StreamWriter<" + id + (ended ? ", ended>" : ">");
  }
}
