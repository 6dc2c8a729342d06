package io.vineyard.meta.local;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.meta.MetadataService;
import io.vineyard.meta.MetadataServices;
import io.vineyard.protocol.TreeLog;
import io.vineyard.store.BulkStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The metadata service of a lone instance: objects in memory; persisted objects and names (and the
 * labels of persisted objects) also written to MapDB in the data directory, and transient objects
 * to its {@code transient.log} ({@link TreeLog}), so a restarted instance has them again, stopped
 * or killed. A transient object comes back only if the blobs of its tree are back in the bulk store
 * (they are not after a reboot, or a stop with {@code --no-keep}).
 *
 * <p>A persist returns once its trees are committed to disk. The data directory is held exclusively
 * (a second runtime on it is refused); {@link #close()} releases it.
 */
@Component(
    service = MetadataService.class,
    configurationPid = StandaloneMetadataService.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true)
@Designate(ocd = StandaloneMetadataService.Config.class)
public final class StandaloneMetadataService implements MetadataService, AutoCloseable {
  /** The Config Admin PID. */
  public static final String PID = "io.vineyard.meta.local";

  /** Configuration of the standalone metadata service. */
  @ObjectClassDefinition(name = "Vineyard standalone metadata")
  public @interface Config {
    /** Where the durable metadata lives. */
    @AttributeDefinition(description = "The instance's data directory (vineyardd --data-dir)")
    String data_dir();

    /** The IPC socket, reported in the instance list. */
    @AttributeDefinition(description = "The instance's IPC socket", required = false)
    String socket() default "";
  }

  private static final System.Logger LOG =
      System.getLogger(StandaloneMetadataService.class.getName());

  private final MetadataService memory = MetadataServices.local(0);
  private final DurableTrees durable;
  private final TreeLog transients;
  private final String socket;

  /**
   * Opens the data directory, loads what was persisted before and the transient objects whose blobs
   * the store has, and serves.
   */
  @Activate
  public StandaloneMetadataService(Config config, @Reference BulkStore store) throws IOException {
    this(Path.of(config.data_dir()), config.socket(), store::contains);
  }

  /** For use outside DS, without a bulk store: every blob counts as present. */
  public StandaloneMetadataService(Path dataDir, String socket) throws IOException {
    this(dataDir, socket, id -> true);
  }

  /**
   * For use outside DS.
   *
   * @param blobPresent whether a blob of this instance is in its bulk store: a transient tree comes
   *     back only when every blob of it is
   */
  public StandaloneMetadataService(Path dataDir, String socket, Predicate<ObjectId> blobPresent)
      throws IOException {
    this.socket = socket;
    this.durable = DurableTrees.open(dataDir);
    try {
      durable.load(memory);
      long instance = memory.instanceId();
      transients =
          TreeLog.open(
              dataDir,
              t ->
                  t.localBlobs(instance).stream()
                      .allMatch(id -> id.equals(ObjectId.EMPTY_BLOB) || blobPresent.test(id)));
      for (ObjectMeta t : transients.kept()) {
        restore(t);
      }
    } catch (IOException | RuntimeException e) {
      durable.close();
      throw e;
    }
  }

  /** Puts a transient tree of the last run back; one that clashes is dropped (and said so). */
  private void restore(ObjectMeta t) {
    try {
      memory.put(t);
    } catch (VineyardException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "transient object " + t.id() + " of the last run not restored: " + e.getMessage());
      transients.remove(t.id());
    }
  }

  @Deactivate
  @Override
  public synchronized void close() {
    transients.close();
    durable.close();
  }

  @Override
  public long instanceId() {
    return memory.instanceId();
  }

  @Override
  public synchronized void put(ObjectMeta tree) {
    memory.put(tree);
    transients.put(tree);
  }

  @Override
  public Optional<ObjectMeta> get(ObjectId id) {
    return memory.get(id);
  }

  @Override
  public boolean contains(ObjectId id) {
    return memory.contains(id);
  }

  @Override
  public List<ObjectMeta> list(Predicate<String> typename, int limit) {
    return memory.list(typename, limit);
  }

  @Override
  public synchronized Optional<ObjectMeta> remove(ObjectId id) {
    boolean wasPersisted = memory.isPersisted(id);
    Optional<ObjectMeta> removed = memory.remove(id);
    if (removed.isPresent() && wasPersisted) {
      durable.remove(id);
    } else if (removed.isPresent()) {
      transients.remove(id);
    }
    return removed;
  }

  @Override
  public Set<ObjectId> referrers(ObjectId id) {
    return memory.referrers(id);
  }

  @Override
  public int size() {
    return memory.size();
  }

  @Override
  public synchronized void persist(ObjectId id) {
    memory.persist(id);
    Map<ObjectId, ObjectMeta> trees = new TreeMap<>();
    collect(id, trees);
    durable.write(trees);
    trees.keySet().forEach(transients::remove); // MapDB holds them now
  }

  /** The stored tree of an object and of its non-blob members, at every depth. */
  private void collect(ObjectId id, Map<ObjectId, ObjectMeta> into) {
    if (id.isBlob() || into.containsKey(id)) {
      return;
    }
    ObjectMeta tree =
        memory
            .get(id)
            .orElseThrow(() -> new VineyardException.ObjectNotExists("member " + id + " is gone"));
    into.put(id, tree);
    tree.memberIds().forEach(m -> collect(m, into));
  }

  @Override
  public boolean isPersisted(ObjectId id) {
    return memory.isPersisted(id);
  }

  @Override
  public synchronized void putName(String name, ObjectId id) {
    memory.putName(name, id);
    durable.putName(name, id);
  }

  /**
   * Labels in memory; the object's tree is written again (to MapDB when persisted, else to the
   * transient log) before this returns.
   */
  @Override
  public synchronized void label(ObjectId id, Map<String, String> labels) {
    memory.label(id, labels);
    if (memory.isPersisted(id)) {
      durable.write(Map.of(id, memory.get(id).orElseThrow()));
    } else {
      transients.put(memory.get(id).orElseThrow());
    }
  }

  @Override
  public Optional<ObjectId> getName(String name, Duration timeout) {
    return memory.getName(name, timeout);
  }

  @Override
  public Map<String, ObjectId> listNames(Predicate<String> matches, int limit) {
    return memory.listNames(matches, limit);
  }

  @Override
  public synchronized boolean dropName(String name) {
    boolean dropped = memory.dropName(name);
    if (dropped) {
      durable.dropName(name);
    }
    return dropped;
  }

  @Override
  public List<InstanceInfo> instances() {
    InstanceInfo self = memory.instances().get(0);
    return List.of(
        new InstanceInfo(self.id(), socket, self.host(), self.status(), self.startedAt()));
  }

  @Override
  public Map<String, Object> status() {
    return Map.of(
        "metadata",
        "standalone",
        "persisted_objects",
        durable.objectCount(),
        "data_dir",
        durable.dir().toString());
  }
}
