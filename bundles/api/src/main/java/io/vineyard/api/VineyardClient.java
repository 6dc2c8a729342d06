package io.vineyard.api;

import java.nio.ByteBuffer;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A connection to one Vineyard instance.
 *
 * <p>Values are turned into objects by the object-type plugins the client finds (the OSGi service
 * registry inside a framework, {@link java.util.ServiceLoader} outside). Views handed out by {@link
 * #getObject} and {@link #get} map the instance's shared memory without copying it. Each holds this
 * connection's reference to the blobs it reads, so the instance keeps them (deleted or not), until
 * the view is closed ({@link VineyardObject#close()}) or it and everything made from it (slices,
 * typed buffers) are unreachable and collected; the last view of a blob to go releases it, with the
 * next request or shortly after. Closing the client releases every reference and invalidates every
 * view. A client is safe to use from several threads; requests are serialised on its one
 * connection.
 */
@ProviderType
public interface VineyardClient extends AutoCloseable {

  /** The ID of the instance this client is connected to. */
  long instanceId();

  /**
   * Stores a Java value as a new object, through the plugin that can put it.
   *
   * <p>{@code byte[]} and {@link ByteBuffer} (its remaining bytes) become a {@code vineyard::Blob}.
   *
   * @return the new object's ID
   * @throws VineyardException.TypeError naming the Java type when no plugin can put it
   * @throws VineyardException.NotEnoughMemory when the instance's memory limit would be exceeded
   */
  ObjectId put(Object value);

  /**
   * Creates an unsealed blob of {@code size} bytes to be written in place and then sealed.
   *
   * @throws VineyardException.NotEnoughMemory when the instance's memory limit would be exceeded
   */
  BlobWriter createBlob(long size);

  /**
   * Creates unsealed blobs of the given sizes in one round trip ({@code create_buffers}); each is
   * written and sealed (or closed) on its own. All or none: when one size cannot be allocated, none
   * is created.
   *
   * @throws VineyardException.NotEnoughMemory when the instance's memory limit would be exceeded
   */
  List<BlobWriter> createBlobs(long... sizes);

  /**
   * Creates objects from metadata trees in one round trip ({@code create_datas}), as {@link
   * #createMetadata(ObjectMeta)} does for one. All or none: when one tree is refused, none is
   * created, and the error names its index.
   *
   * @return the created objects' metadata, in order
   */
  List<ObjectMeta> createMetadata(List<ObjectMeta> metas);

  /**
   * Creates a stream: its object from {@code meta} (e.g. a {@code vineyard::ByteStream} tree) and
   * the instance's stream of chunks for it. A producer writes it through {@link #openStreamWriter},
   * a consumer reads it through {@link #openStreamReader}.
   *
   * @return the stream's ID
   */
  ObjectId createStream(ObjectMeta meta);

  /**
   * Opens a stream for writing; a stream has one writer.
   *
   * @throws VineyardException.ObjectNotExists when there is no such stream
   * @throws VineyardException with code 45 (StreamOpened) when it has a writer already
   */
  StreamWriter openStreamWriter(ObjectId stream);

  /**
   * Opens a stream for reading, on a connection of its own (a reader waits for chunks without
   * holding this client up); a stream has one reader.
   *
   * @throws VineyardException.ObjectNotExists when there is no such stream
   * @throws VineyardException with code 45 (StreamOpened) when it has a reader already
   */
  StreamReader openStreamReader(ObjectId stream);

  /** Ends a stream as failed and deletes the chunks its reader has not taken yet. */
  void dropStream(ObjectId stream);

  /**
   * Creates an object from a metadata tree whose members are already in the store.
   *
   * @return the created object's metadata, with {@code id}, {@code instance_id} and {@code
   *     signature} filled in
   */
  ObjectMeta createMetadata(ObjectMeta meta);

  /**
   * Returns a typed view of an object; an object whose typename no plugin knows comes back as a
   * generic view of its metadata.
   *
   * @throws VineyardException.ObjectNotExists when there is no such object
   * @throws VineyardException.ObjectNotSealed for a blob that is not sealed yet
   */
  VineyardObject getObject(ObjectId id);

  /**
   * Returns a typed view of an object as the view type expected, e.g. {@code Blob.class}.
   *
   * @throws VineyardException.ObjectTypeError naming both types when the object is of another kind
   */
  default <T extends VineyardObject> T getObject(ObjectId id, Class<T> type) {
    VineyardObject o = getObject(id);
    if (!type.isInstance(o)) {
      throw new VineyardException.ObjectTypeError(
          id
              + " is a "
              + o.typename()
              + " ("
              + o.getClass().getSimpleName()
              + "), not a "
              + type.getSimpleName());
    }
    return type.cast(o);
  }

  /**
   * Returns the object as a Java value: for a blob, a read-only {@link ByteBuffer} over the shared
   * mapping (not a copy).
   *
   * @throws VineyardException.NotImplemented naming the typename when no plugin resolves it
   */
  Object get(ObjectId id);

  /**
   * Returns the object as a Java value of the requested type, e.g. {@code double[].class} for a
   * copy of an array's elements (where {@link #get(ObjectId)} gives a read-only view).
   *
   * @throws VineyardException.ObjectTypeError when the object's plugin cannot produce that type
   */
  <T> T get(ObjectId id, Class<T> as);

  /** Returns the metadata tree of an object. */
  ObjectMeta getMeta(ObjectId id);

  /**
   * Returns the metadata tree of an object; with {@code syncRemote} the instance first catches up
   * with the cluster's metadata, so an object persisted elsewhere a moment ago is found.
   */
  ObjectMeta getMeta(ObjectId id, boolean syncRemote);

  /**
   * Makes an object's metadata (members included) global: from when this returns, every instance of
   * the cluster sees it. Payloads stay on the instances that hold them.
   *
   * @throws VineyardException.ObjectNotExists when there is no such object
   * @throws VineyardException.AssertionFailed for a blob alone (persist an object that uses it)
   * @throws VineyardException.ConnectionError when the cluster cannot commit it in bounded time
   */
  void persist(ObjectId id);

  /** Whether an object is global (persisted). */
  boolean isPersisted(ObjectId id);

  /**
   * Copies the payload of an object whose blobs live on other instances into this client's
   * instance, instance to instance (vineyardd's {@code migrate_object_request}; the bytes never
   * pass through this client). The copy is a new, persisted object of this instance with new blob
   * IDs; an object whose payload is all here already is its own copy.
   *
   * @return the ID of the object whose payload is all on this instance
   * @throws VineyardException.ObjectNotExists when there is no such object
   * @throws VineyardException.Invalid for a blob, or when an instance holding a blob serves no RPC
   *     endpoint (runtimes started without {@code --rpc})
   * @throws VineyardException.ConnectionError when an instance holding a blob cannot be reached
   */
  default ObjectId migrate(ObjectId id) {
    throw new VineyardException.NotImplemented(
        getClass().getSimpleName() + " cannot migrate objects between instances");
  }

  /**
   * The Java value of an object, its payload first copied here when other instances hold it ({@link
   * #migrate}, then {@link #get}): Python's {@code client.get(id, fetch=True)}.
   */
  default Object fetch(ObjectId id) {
    return get(migrate(id));
  }

  /**
   * Names a persisted object, cluster-wide.
   *
   * @throws VineyardException.Invalid for a blob or a transient object
   */
  void putName(ObjectId id, String name);

  /**
   * Labels an object: its metadata gets {@code __labels}, a JSON object of key to value, merged
   * with the labels it has (a key labelled again takes the new value). A persisted object's labels
   * are global (every instance sees them once this returns); a transient object's stay with its
   * instance.
   *
   * @throws VineyardException.ObjectNotExists when there is no such object
   * @throws VineyardException.Invalid for a blob
   * @throws VineyardException.ConnectionError when the cluster cannot commit it in bounded time
   */
  void label(ObjectId id, java.util.Map<String, String> labels);

  /**
   * The object a name refers to; with {@code wait}, blocks until some client puts that name.
   *
   * @throws VineyardException.ObjectNotExists when the name is unknown and {@code wait} is false
   */
  ObjectId getName(String name, boolean wait);

  /** Names matching a glob (or a regular expression when {@code regex}), at most {@code limit}. */
  java.util.Map<String, ObjectId> listNames(String pattern, boolean regex, int limit);

  /** Removes a name (no error when it does not exist). */
  void dropName(String name);

  /** The instances of the cluster this client's instance belongs to. */
  List<ClusterInstance> clusterMeta();

  /** Whether an object with this ID exists on the instance. */
  boolean exists(ObjectId id);

  /**
   * Deletes objects. A blob's memory is freed once no connection references it.
   *
   * @param force delete even when other objects use it as a member
   * @param deep also delete the members (those not used by other objects, unless forced)
   */
  void delete(List<ObjectId> ids, boolean force, boolean deep);

  /** Deletes objects and their members ({@code deep}, not forced). */
  default void delete(ObjectId... ids) {
    delete(List.of(ids), false, true);
  }

  /**
   * Lists objects whose typename matches a glob (or a regular expression when {@code regex}).
   *
   * @param limit at most this many trees
   */
  List<ObjectMeta> list(String pattern, boolean regex, int limit);

  /**
   * Releases this connection's reference on blobs it fetched, so that their memory can be freed. A
   * blob it holds no reference to (never fetched, or released already, by this call or when its
   * last view was collected) is passed over.
   */
  void release(List<ObjectId> ids);

  /** The instance's status: memory in use and its limit, connections. */
  InstanceStatus status();

  /** Closes the connection and unmaps its memory; views handed out become invalid. */
  @Override
  void close();
}
