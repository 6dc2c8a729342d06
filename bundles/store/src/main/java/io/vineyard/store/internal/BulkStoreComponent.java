package io.vineyard.store.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.settings.Sizes;
import io.vineyard.store.ArenaFile;
import io.vineyard.store.BlobHandle;
import io.vineyard.store.BulkStore;
import io.vineyard.store.SpillSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The instance's {@link BulkStore} service, configured from Config Admin (pid {@code
 * io.vineyard.store}): opens its store on activation and closes it on deactivation, keeping the
 * arena files and their sealed blobs for the next start (unless {@code keep} is false). Users of
 * the service must not close it; {@link #close()} does nothing here.
 */
@Component(
    service = BulkStore.class,
    configurationPid = "io.vineyard.store",
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true)
@Designate(ocd = BulkStoreComponent.Config.class)
public final class BulkStoreComponent implements BulkStore {
  private static final System.Logger LOG = System.getLogger(BulkStoreComponent.class.getName());

  /**
   * The store's configuration: properties {@code size}, {@code shm.dir}, {@code keep}, and {@code
   * spill.path}, {@code spill.lower.rate}, {@code spill.upper.rate}.
   */
  @ObjectClassDefinition(
      name = "Vineyard bulk store",
      description = "The shared-memory arena files blobs are allocated in")
  @interface Config {
    /** The cap on shared memory, e.g. 2G, 512M, 1.5GiB (--size). */
    @AttributeDefinition(description = "The cap on shared memory, e.g. 2G, 512M, 1.5GiB (--size)")
    String size() default "2G";

    /** The instance's own folder for its arena files, normally under /dev/shm. */
    @AttributeDefinition(
        description = "The instance's own folder for its arena files, normally under /dev/shm")
    String shm_dir();

    /**
     * Whether sealed blobs outlive the runtime (a stop or a crash) for its next start; false:
     * --no-keep.
     */
    @AttributeDefinition(
        description =
            "Whether sealed blobs are kept in the folder when the runtime stops or dies,"
                + " for its next start (--no-keep: false)")
    boolean keep() default true;

    /** The folder cold blobs are spilled to (--spill-path); empty: no spilling. */
    @AttributeDefinition(
        description = "The folder cold blobs are spilled to (--spill-path); empty: no spilling")
    String spill_path() default "";

    /** The use, as a fraction of size, spilling goes down to (--spill-lower-rate). */
    @AttributeDefinition(
        description = "The use, as a fraction of size, spilling goes down to (--spill-lower-rate)")
    double spill_lower_rate() default SpillSettings.DEFAULT_LOWER_RATE;

    /** The use, as a fraction of size, that starts spilling (--spill-upper-rate). */
    @AttributeDefinition(
        description = "The use, as a fraction of size, that starts spilling (--spill-upper-rate)")
    double spill_upper_rate() default SpillSettings.DEFAULT_UPPER_RATE;

    /** Whether all of the shared memory is allocated at start and kept (--reserve-memory). */
    @AttributeDefinition(
        description =
            "Whether all of the shared memory is allocated at start and kept allocated"
                + " (--reserve-memory)")
    boolean reserve() default false;
  }

  private volatile SharedMemoryStore store;

  /** Created by DS, which then activates it with its configuration. */
  public BulkStoreComponent() {}

  @Activate
  void activate(Config config) throws IOException {
    String dir = config.shm_dir();
    if (dir == null || dir.isBlank()) {
      throw new IllegalArgumentException(
          "io.vineyard.store: shm.dir is not set (the instance's folder for "
              + "arena files, e.g. /dev/shm/vineyard-<instance>)");
    }
    long limit;
    try {
      limit = Sizes.parse(config.size());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("io.vineyard.store: size (--size): " + e.getMessage(), e);
    }
    String spillPath = config.spill_path();
    SpillSettings spill =
        spillPath == null || spillPath.isBlank()
            ? null
            : new SpillSettings(
                Path.of(spillPath), config.spill_lower_rate(), config.spill_upper_rate());
    store = SharedMemoryStore.open(Path.of(dir), limit, config.keep(), spill);
    if (config.reserve()) {
      try {
        store.reserveAll();
      } catch (IOException | RuntimeException e) {
        store.close();
        throw e;
      }
    }
  }

  @Deactivate
  void deactivate() {
    SharedMemoryStore s = store;
    if (s != null) {
      s.close();
    }
  }

  /** Does nothing: the store is closed on deactivation, not by its users. */
  @Override
  public void close() {
    LOG.log(System.Logger.Level.DEBUG, "close() on the bulk store service ignored: DS closes it");
  }

  @Override
  public long limit() {
    return store.limit();
  }

  @Override
  public long used() {
    return store.used();
  }

  @Override
  public int blobCount() {
    return store.blobCount();
  }

  @Override
  public BlobHandle create(long connection, ObjectId id, long size) {
    return store.create(connection, id, size);
  }

  @Override
  public void seal(long connection, ObjectId id) {
    store.seal(connection, id);
  }

  @Override
  public BlobHandle acquire(long connection, ObjectId id, boolean allowUnsealed) {
    return store.acquire(connection, id, allowUnsealed);
  }

  @Override
  public void release(long connection, ObjectId id) {
    store.release(connection, id);
  }

  @Override
  public void drop(long connection, ObjectId id) {
    store.drop(connection, id);
  }

  @Override
  public long shrink(long connection, ObjectId id, long size) {
    return store.shrink(connection, id, size);
  }

  @Override
  public boolean inUse(ObjectId id) {
    return store.inUse(id);
  }

  @Override
  public boolean delete(ObjectId id) {
    return store.delete(id);
  }

  @Override
  public void evict(List<ObjectId> ids) {
    store.evict(ids);
  }

  @Override
  public void load(List<ObjectId> ids, boolean pin) {
    store.load(ids, pin);
  }

  @Override
  public void unpin(List<ObjectId> ids) {
    store.unpin(ids);
  }

  @Override
  public boolean isSpilled(ObjectId id) {
    return store.isSpilled(id);
  }

  @Override
  public boolean contains(ObjectId id) {
    return store.contains(id);
  }

  @Override
  public Optional<BlobHandle> find(ObjectId id) {
    return store.find(id);
  }

  @Override
  public List<BlobHandle> blobs() {
    return store.blobs();
  }

  @Override
  public void disconnect(long connection) {
    store.disconnect(connection);
  }

  @Override
  public long trim() {
    return store.trim();
  }

  @Override
  public List<ArenaFile> arenas() {
    return store.arenas();
  }

  @Override
  public ArenaFile arena(int storeFd) {
    return store.arena(storeFd);
  }
}
