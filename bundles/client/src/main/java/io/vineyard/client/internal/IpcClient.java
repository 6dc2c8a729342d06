package io.vineyard.client.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ClusterInstance;
import io.vineyard.api.InstanceStatus;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.StreamReader;
import io.vineyard.api.StreamWriter;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.api.spi.PluginTable;
import io.vineyard.protocol.BlobMessages.DropBufferRequest;
import io.vineyard.protocol.BlobMessages.SealRequest;
import io.vineyard.protocol.DataMessages.CreateDataReply;
import io.vineyard.protocol.DataMessages.CreateDataRequest;
import io.vineyard.protocol.DataMessages.DelDataRequest;
import io.vineyard.protocol.DataMessages.ExistsRequest;
import io.vineyard.protocol.DataMessages.GetDataRequest;
import io.vineyard.protocol.DataMessages.ListDataRequest;
import io.vineyard.protocol.InstanceMessages.InstanceStatusRequest;
import io.vineyard.protocol.ObjectMessages.CreateDatasReply;
import io.vineyard.protocol.ObjectMessages.CreateDatasRequest;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.StoreMessages.ShrinkBufferRequest;
import io.vineyard.protocol.StreamMessages;
import io.vineyard.protocol.StreamMessages.CreateStreamRequest;
import io.vineyard.protocol.StreamMessages.DropStreamRequest;
import io.vineyard.protocol.StreamMessages.OpenStreamRequest;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@link VineyardClient} over one IPC connection. It owns the connection and its {@link
 * Mappings}; {@link #close()} ends both, after which every view throws {@link
 * IllegalStateException}. Which Java values and typenames it handles is up to the {@link
 * PluginRegistry}; nothing here knows a typename.
 *
 * <p>Blob references follow the views: every blob view holds one count in {@link BlobRefs} (see
 * {@link BlobLease}), a sealed writer holds one until it is closed, and a blob whose count falls to
 * zero is released ahead of the next request, or by a {@link ReleaseFlusher} when the connection
 * stays idle.
 */
public final class IpcClient implements VineyardClient {
  private final IpcConnection conn;
  private final Mappings mappings = new Mappings();
  private final Buffers buffers;
  private final GlobalCalls global;
  private final PluginRegistry plugins;
  private final Consumer<IpcClient> onClose;

  private final ReleaseFlusher flusher;
  private final BlobRefs refs;
  private final AtomicBoolean closed = new AtomicBoolean();

  private IpcClient(IpcConnection conn, PluginRegistry plugins, Consumer<IpcClient> onClose) {
    this.conn = conn;
    this.flusher = new ReleaseFlusher(conn);
    this.refs = new BlobRefs(flusher::schedule);
    conn.releasesFrom(refs);
    this.buffers = new Buffers(conn, mappings, refs);
    this.global = new GlobalCalls(conn);
    this.plugins = plugins;
    this.onClose = onClose;
  }

  /** Connects and registers; {@code onClose} (may be null) runs once when the client closes. */
  public static IpcClient connect(
      Path socket, PluginRegistry plugins, Consumer<IpcClient> onClose) {
    if (socket == null || plugins == null) {
      throw new NullPointerException(socket == null ? "socket" : "plugins");
    }
    return new IpcClient(IpcConnection.open(socket), plugins, onClose);
  }

  @Override
  public long instanceId() {
    return conn.instanceId();
  }

  @Override
  public ObjectId put(Object value) {
    return putMeta(value).id();
  }

  /** Puts a value; if it fails half-way, what it created is deleted again. */
  ObjectMeta putMeta(Object value) {
    ClientPutContext ctx = new ClientPutContext(this);
    try {
      return putMeta(value, ctx);
    } catch (RuntimeException e) {
      ctx.undo(e);
      throw e;
    }
  }

  /** Puts a value (or a member of one) within one put's context. */
  ObjectMeta putMeta(Object value, ClientPutContext ctx) {
    checkOpen();
    if (value == null) {
      throw new VineyardException.TypeError("cannot put null");
    }
    ObjectTypePlugin plugin =
        plugins
            .forValue(value)
            .orElseThrow(
                () ->
                    new VineyardException.TypeError(
                        "no object-type plugin can put a "
                            + value.getClass().getName()
                            + " (plugins installed: "
                            + families()
                            + ")"));
    return plugin.put(value, ctx);
  }

  @Override
  public BlobWriter createBlob(long size) {
    checkOpen();
    Buffers.Created c = buffers.create(size);
    return new ClientBlobWriter(this, c.id(), c.segment());
  }

  @Override
  public List<BlobWriter> createBlobs(long... sizes) {
    checkOpen();
    List<BlobWriter> out = new java.util.ArrayList<>(sizes.length);
    for (Buffers.Created c : buffers.createAll(sizes)) {
      out.add(new ClientBlobWriter(this, c.id(), c.segment()));
    }
    return out;
  }

  void shrink(ObjectId id, long size) {
    checkOpen();
    conn.call(new ShrinkBufferRequest(id, size));
  }

  /** The next chunk of a stream this client writes. */
  BlobWriter nextChunk(ObjectId stream, long size) {
    checkOpen();
    Buffers.Created c = buffers.nextChunk(stream, size);
    return new ClientBlobWriter(this, c.id(), c.segment(), true);
  }

  /** Sends a request of the stream commands (or any whose reply carries nothing to keep). */
  <R extends io.vineyard.protocol.Reply> R call(io.vineyard.protocol.Request<R> request) {
    checkOpen();
    return conn.call(request);
  }

  @Override
  public ObjectId createStream(ObjectMeta meta) {
    ObjectId id = createMetadata(meta).id();
    call(new CreateStreamRequest(id));
    return id;
  }

  @Override
  public StreamWriter openStreamWriter(ObjectId stream) {
    call(new OpenStreamRequest(stream, StreamMessages.WRITE));
    return new ClientStreamWriter(this, stream);
  }

  @Override
  public StreamReader openStreamReader(ObjectId stream) {
    checkOpen();
    return ClientStreamReader.open(conn.path(), stream);
  }

  @Override
  public void dropStream(ObjectId stream) {
    call(new DropStreamRequest(stream));
  }

  /** Seals; the connection then holds a reference, counted once until {@link #unhold}. */
  void seal(ObjectId id) {
    if (!ObjectId.EMPTY_BLOB.equals(id)) {
      conn.call(new SealRequest(id));
      refs.acquire(id);
    }
  }

  /** A sealed writer is done: gives back the count {@link #seal} took. */
  void unhold(ObjectId id) {
    if (!ObjectId.EMPTY_BLOB.equals(id)) {
      refs.drop(id);
    }
  }

  BlobRefs refs() {
    return refs;
  }

  void drop(ObjectId id) {
    // a closed connection's unsealed blobs are freed by the server
    if (!ObjectId.EMPTY_BLOB.equals(id) && !conn.isClosed()) {
      conn.call(new DropBufferRequest(id));
    }
  }

  @Override
  public ObjectMeta createMetadata(ObjectMeta meta) {
    checkOpen();
    plugins.forTypename(meta.typename()).ifPresent(p -> p.validate(meta));
    ObjectMeta.Builder content =
        meta.toBuilder().remove("id").instanceId(instanceId()); // the server assigns the id
    if (!content.has("transient")) {
      content.put("transient", true);
    }
    if (!content.has("nbytes")) {
      content.put("nbytes", 0L);
    }
    CreateDataReply reply = conn.call(new CreateDataRequest(content.build()));
    if (reply.id() == null) {
      throw new VineyardException.Invalid("create_data_reply without 'id'");
    }
    return content
        .id(reply.id())
        .put("signature", new java.math.BigInteger(Long.toUnsignedString(reply.signature())))
        .instanceId(reply.instanceId())
        .build();
  }

  @Override
  public List<ObjectMeta> createMetadata(List<ObjectMeta> metas) {
    checkOpen();
    List<ObjectMeta> contents = new java.util.ArrayList<>(metas.size());
    for (ObjectMeta meta : metas) {
      plugins.forTypename(meta.typename()).ifPresent(p -> p.validate(meta));
      contents.add(content(meta).build());
    }
    CreateDatasReply reply = conn.call(new CreateDatasRequest(contents));
    if (reply.ids() == null || reply.ids().size() != metas.size()) {
      throw new VineyardException.Invalid(
          "create_datas_reply names "
              + (reply.ids() == null ? "no" : reply.ids().size())
              + " objects for "
              + metas.size()
              + " trees");
    }
    List<ObjectMeta> out = new java.util.ArrayList<>(metas.size());
    for (int i = 0; i < metas.size(); i++) {
      out.add(
          contents.get(i).toBuilder()
              .id(reply.ids().get(i))
              .put(
                  "signature",
                  new java.math.BigInteger(Long.toUnsignedString(reply.signatures().get(i))))
              .instanceId(reply.instanceIds().get(i))
              .build());
    }
    return out;
  }

  /** A tree as create_data(s) sends it: no id (the server assigns it), transient, nbytes. */
  private ObjectMeta.Builder content(ObjectMeta meta) {
    ObjectMeta.Builder content = meta.toBuilder().remove("id").instanceId(instanceId());
    if (!content.has("transient")) {
      content.put("transient", true);
    }
    if (!content.has("nbytes")) {
      content.put("nbytes", 0L);
    }
    return content;
  }

  @Override
  public VineyardObject getObject(ObjectId id) {
    Resolved r = fetchTree(id);
    try (Resolver resolver = r.resolver()) {
      return view(r.meta(), resolver);
    }
  }

  @Override
  public Object get(ObjectId id) {
    Resolved r = fetchTree(id);
    try (Resolver resolver = r.resolver()) {
      return resolve(r.meta(), resolver);
    }
  }

  @Override
  public <T> T get(ObjectId id, Class<T> as) {
    Resolved r = fetchTree(id);
    try (Resolver resolver = r.resolver()) {
      ObjectTypePlugin plugin = pluginFor(r.meta());
      T value =
          guarded(plugin, "resolving", r.meta(), () -> plugin.resolve(r.meta(), resolver, as));
      if (as.isArray() && as.getComponentType().isPrimitive()) {
        resolver.closeViews(); // a primitive array is a copy: nothing needs the blobs any more
      }
      return value;
    }
  }

  /** An object's tree with its local blobs mapped. */
  private record Resolved(ObjectMeta meta, Resolver resolver) {}

  /**
   * The tree and the mapped blobs of an object: get_data then one get_buffers. A blob of this
   * instance needs only the get_buffers (its tree follows from its payload): one round trip less.
   */
  private Resolved fetchTree(ObjectId id) {
    if (id.isBlob() && !id.equals(ObjectId.EMPTY_BLOB)) {
      checkOpen();
      Map<ObjectId, MemorySegment> got = fetch(new TreeSet<>(List.of(id)));
      MemorySegment segment = got.get(id);
      if (segment == null) {
        throw new VineyardException.ObjectNotExists(
            "blob " + id + " does not exist on the Vineyard instance at " + conn.path());
      }
      return new Resolved(
          ObjectMeta.blob(id, segment.byteSize(), instanceId()), new Resolver(this, got));
    }
    ObjectMeta meta = getMeta(id);
    return new Resolved(meta, resolverFor(meta));
    // the resolver holds one count per blob fetched until the caller closes it
  }

  VineyardObject view(ObjectMeta meta, Resolver resolver) {
    return plugins
        .forTypename(meta.typename())
        .map(p -> guarded(p, "viewing", meta, () -> p.view(meta, resolver)))
        .orElseGet(() -> new GenericObject(meta));
  }

  Object resolve(ObjectMeta meta, Resolver resolver) {
    ObjectTypePlugin plugin = pluginFor(meta);
    return guarded(plugin, "resolving", meta, () -> plugin.resolve(meta, resolver));
  }

  /**
   * Runs a plugin's code: a VineyardException passes as it is; anything else a plugin throws
   * becomes a typed error naming the plugin and the object, and the client stays usable.
   */
  private static <T> T guarded(
      ObjectTypePlugin plugin, String doing, ObjectMeta meta, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (VineyardException | IllegalStateException e) {
      throw e; // typed errors, and use of a closed client's views
    } catch (RuntimeException e) {
      throw new VineyardException.ObjectTypeError(
          "plugin "
              + plugin.typename()
              + " failed "
              + doing
              + " "
              + meta.id()
              + " ("
              + meta.typename()
              + "): "
              + e,
          e);
    }
  }

  private ObjectTypePlugin pluginFor(ObjectMeta meta) {
    return plugins
        .forTypename(meta.typename())
        .orElseThrow(
            () ->
                new VineyardException.NotImplemented(
                    "no object-type plugin resolves typename '"
                        + meta.typename()
                        + "' (object "
                        + meta.id()
                        + "): install the plugin bundle for '"
                        + PluginTable.family(meta.typename())
                        + "' (plugins installed: "
                        + families()
                        + ")"));
  }

  private Resolver resolverFor(ObjectMeta meta) {
    SortedSet<ObjectId> local = new TreeSet<>(meta.localBlobs(instanceId()));
    local.remove(ObjectId.EMPTY_BLOB);
    return new Resolver(this, local.isEmpty() ? Map.of() : fetch(local));
  }

  /** get_buffers: the blobs found, each counted once in {@link #refs()} for the caller to drop. */
  Map<ObjectId, MemorySegment> fetch(SortedSet<ObjectId> ids) {
    return buffers.fetch(ids);
  }

  MemorySegment emptySegment() {
    return mappings.view(Payload.empty(), false);
  }

  @Override
  public ObjectMeta getMeta(ObjectId id) {
    return getMeta(id, true);
  }

  @Override
  public ObjectMeta getMeta(ObjectId id, boolean syncRemote) {
    checkOpen();
    Map<String, ObjectMeta> content =
        conn.call(new GetDataRequest(List.of(id), syncRemote, false)).content();
    ObjectMeta meta = content == null ? null : content.get(id.toString());
    if (meta == null) {
      throw new VineyardException.ObjectNotExists(
          "object " + id + " does not exist on the Vineyard instance at " + conn.path());
    }
    return meta;
  }

  @Override
  public boolean exists(ObjectId id) {
    checkOpen();
    return conn.call(new ExistsRequest(id)).exists();
  }

  @Override
  public void delete(List<ObjectId> ids, boolean force, boolean deep) {
    checkOpen();
    // views of these objects keep their blobs until they are closed or collected: the server
    // frees the memory at the last release
    conn.call(new DelDataRequest(ids, force, deep, false, false));
  }

  @Override
  public List<ObjectMeta> list(String pattern, boolean regex, int limit) {
    checkOpen();
    if (limit < 0) {
      throw new VineyardException.Invalid("list limit must not be negative, got " + limit);
    }
    Map<String, ObjectMeta> content =
        conn.call(new ListDataRequest(pattern, regex, (long) limit)).content();
    return content == null ? List.of() : List.copyOf(content.values());
  }

  /**
   * Releases blob references now, in one write; views of released blobs must not be used afterwards
   * (their memory may be reused). A view of one that is still open sends one more release when it
   * goes, which the server refuses and this client ignores.
   */
  @Override
  public void release(List<ObjectId> ids) {
    checkOpen();
    List<ObjectId> blobs = ids.stream().filter(id -> !ObjectId.EMPTY_BLOB.equals(id)).toList();
    List<ObjectId> held = refs.released(blobs);
    conn.release(held, true);
    // the rest this client holds no reference to (maybe released already when its last view was
    // collected): asked all the same, for references taken otherwise, but a refusal is no error
    List<ObjectId> rest = blobs.stream().filter(id -> !held.contains(id)).toList();
    conn.release(rest, false);
  }

  @Override
  public void persist(ObjectId id) {
    checkOpen();
    global.persist(id);
  }

  @Override
  public boolean isPersisted(ObjectId id) {
    checkOpen();
    return global.isPersisted(id);
  }

  @Override
  public ObjectId migrate(ObjectId id) {
    checkOpen();
    return global.migrate(id);
  }

  @Override
  public void putName(ObjectId id, String name) {
    checkOpen();
    global.putName(id, name);
  }

  @Override
  public void label(ObjectId id, Map<String, String> labels) {
    checkOpen();
    global.label(id, labels);
  }

  @Override
  public ObjectId getName(String name, boolean wait) {
    checkOpen();
    return global.getName(name, wait);
  }

  @Override
  public Map<String, ObjectId> listNames(String pattern, boolean regex, int limit) {
    checkOpen();
    return global.listNames(pattern, regex, limit);
  }

  @Override
  public void dropName(String name) {
    checkOpen();
    global.dropName(name);
  }

  @Override
  public List<ClusterInstance> clusterMeta() {
    checkOpen();
    return global.clusterMeta();
  }

  @Override
  public InstanceStatus status() {
    checkOpen();
    return Replies.status(conn.call(new InstanceStatusRequest()).meta());
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      conn.close();
    } finally {
      boolean viewsClosed = refs.close();
      mappings.close(viewsClosed);
      if (onClose != null) {
        onClose.accept(this);
      }
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the Vineyard client for " + conn.path() + " is closed");
    }
  }

  private String families() {
    return String.join(", ", plugins.families());
  }

  @Override
  public String toString() {
    return "VineyardClient<"
        + conn.path()
        + ", instance "
        + Long.toUnsignedString(instanceId())
        + (conn.isClosed() ? ", closed>" : ">");
  }
}
