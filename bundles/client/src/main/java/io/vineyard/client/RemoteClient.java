package io.vineyard.client;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.client.internal.RpcConnection;
import io.vineyard.protocol.BlobMessages.CreateBufferReply;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.DataMessages.CreateDataReply;
import io.vineyard.protocol.DataMessages.CreateDataRequest;
import io.vineyard.protocol.DataMessages.DelDataReply;
import io.vineyard.protocol.DataMessages.DelDataRequest;
import io.vineyard.protocol.DataMessages.GetDataReply;
import io.vineyard.protocol.DataMessages.GetDataRequest;
import io.vineyard.protocol.NameMessages.PersistReply;
import io.vineyard.protocol.NameMessages.PersistRequest;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.RemoteMessages.CreateRemoteBufferRequest;
import io.vineyard.protocol.RemoteMessages.CreateRemoteBuffersRequest;
import io.vineyard.protocol.RemoteMessages.GetRemoteBuffersRequest;
import io.vineyard.protocol.StoreMessages.CreateBuffersReply;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of an instance's RPC endpoint ({@code vineyardd --rpc}), for programs on other hosts: no
 * shared memory, so payloads are copied over the connection both ways (vineyardd's {@code
 * RPCClient}). Metadata calls behave as on the IPC socket.
 *
 * <p>One TCP connection, one exchange at a time; thread-safe. {@link #close()} ends it. Blobs put
 * through it are sealed blobs of the instance, held by no connection: they stay until deleted.
 */
public final class RemoteClient implements AutoCloseable {
  private final RpcConnection conn;

  RemoteClient(RpcConnection conn) {
    this.conn = conn;
  }

  /** The ID of the instance connected to. */
  public long instanceId() {
    return conn.registration().instanceId();
  }

  /** The endpoint connected to, {@code host:port}. */
  public String endpoint() {
    return conn.endpoint();
  }

  /**
   * Stores bytes as a new sealed blob of the instance.
   *
   * @throws VineyardException.NotEnoughMemory when the instance has no room for them
   */
  public ObjectId putBytes(byte[] bytes) {
    return conn.exchange(
        new CreateRemoteBufferRequest(bytes.length, false, false),
        Command.CREATE_REMOTE_BUFFER,
        CreateBufferReply.class,
        (first, c) -> {
          c.writeBytes(ByteBuffer.wrap(bytes));
          CreateBufferReply done =
              c.readReply(Command.CREATE_REMOTE_BUFFER, CreateBufferReply.class);
          if (!done.id().equals(first.id())) {
            throw new VineyardException.Invalid(
                "create_remote_buffer: the instance confirmed "
                    + done.id()
                    + ", not "
                    + first.id());
          }
          return done.id();
        });
  }

  /** Stores several byte arrays as new sealed blobs, in one round trip; IDs in the same order. */
  public List<ObjectId> putBytes(List<byte[]> values) {
    List<Long> sizes = new ArrayList<>();
    values.forEach(v -> sizes.add((long) v.length));
    return conn.exchange(
        new CreateRemoteBuffersRequest((long) sizes.size(), sizes, false, false),
        Command.CREATE_REMOTE_BUFFERS,
        CreateBuffersReply.class,
        (first, c) -> {
          for (byte[] v : values) {
            c.writeBytes(ByteBuffer.wrap(v));
          }
          return c.readReply(Command.CREATE_REMOTE_BUFFERS, CreateBuffersReply.class).ids();
        });
  }

  /**
   * A copy of a blob's bytes.
   *
   * @throws VineyardException.ObjectNotExists when the instance has no such blob
   */
  public byte[] getBytes(ObjectId blob) {
    return getBytes(List.of(blob)).get(blob);
  }

  /**
   * Copies of several blobs' bytes, in one round trip, in the order asked.
   *
   * @throws VineyardException.ObjectNotExists naming the blobs the instance does not have
   * @throws VineyardException.Invalid for a blob of 2 GiB or more (a Java array cannot hold it)
   */
  public Map<ObjectId, byte[]> getBytes(List<ObjectId> blobs) {
    return conn.exchange(
        new GetRemoteBuffersRequest(List.copyOf(blobs), false, false, false),
        Command.GET_REMOTE_BUFFERS,
        GetBuffersReply.class,
        (reply, c) -> {
          Map<ObjectId, byte[]> got = new LinkedHashMap<>();
          List<VineyardException> tooLarge = new ArrayList<>();
          for (Payload p : reply.payloads()) {
            if (p.dataSize() > Integer.MAX_VALUE - 8) {
              // read it anyway, or the stream falls out of step
              ByteBuffer sink = ByteBuffer.allocate(1 << 20);
              for (long left = p.dataSize(); left > 0; left -= sink.position()) {
                sink.clear().limit((int) Math.min(sink.capacity(), left));
                c.readBytes(sink);
              }
              tooLarge.add(
                  new VineyardException.Invalid(
                      "blob "
                          + p.objectId()
                          + " holds "
                          + p.dataSize()
                          + " bytes: too many for"
                          + " a byte[]"));
              continue;
            }
            byte[] b = new byte[(int) p.dataSize()];
            c.readBytes(ByteBuffer.wrap(b));
            got.put(p.objectId(), b);
          }
          if (!tooLarge.isEmpty()) {
            throw tooLarge.get(0);
          }
          List<ObjectId> missing = new ArrayList<>();
          for (ObjectId id : blobs) {
            if (!got.containsKey(id) && !missing.contains(id)) {
              missing.add(id);
            }
          }
          if (!missing.isEmpty()) {
            throw new VineyardException.ObjectNotExists(
                "the instance at " + c.endpoint() + " does not have the blobs " + missing);
          }
          Map<ObjectId, byte[]> ordered = new LinkedHashMap<>();
          blobs.forEach(id -> ordered.put(id, got.get(id)));
          return ordered;
        });
  }

  /** An object's metadata, after catching up with the cluster (as vineyardd's RPC client asks). */
  public ObjectMeta getMeta(ObjectId id) {
    GetDataReply reply =
        conn.call(
            new GetDataRequest(List.of(id), true, false), Command.GET_DATA, GetDataReply.class);
    ObjectMeta tree = reply.content() == null ? null : reply.content().get(id.toString());
    if (tree == null) {
      throw new VineyardException.ObjectNotExists("object " + id + " does not exist");
    }
    return tree;
  }

  /** Creates an object from a tree whose members exist (blobs put here, say); returns its tree. */
  public ObjectMeta createMetadata(ObjectMeta meta) {
    CreateDataReply reply =
        conn.call(new CreateDataRequest(meta), Command.CREATE_DATA, CreateDataReply.class);
    return getMeta(reply.id());
  }

  /** Makes an object global (see {@link io.vineyard.api.VineyardClient#persist}). */
  public void persist(ObjectId id) {
    conn.call(new PersistRequest(id), Command.PERSIST, PersistReply.class);
  }

  /** Deletes objects (and, deep, the members nothing else uses). */
  public void delete(List<ObjectId> ids) {
    conn.call(
        new DelDataRequest(List.copyOf(ids), false, true, false, false),
        Command.DEL_DATA,
        DelDataReply.class);
  }

  @Override
  public void close() {
    conn.close();
  }
}
