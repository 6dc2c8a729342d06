package io.vineyard.client.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.InstanceStatus;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.settings.Deadline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@link VineyardClient} service for bundles deployed in the runtime: a socket client of the
 * runtime's own IPC server (the configured {@code socket}), with the framework's plugins.
 *
 * <p>Bundle scope: each bundle that gets the service gets its own instance, that is its own
 * connection, opened when the bundle first gets the service and closed (its blob references
 * released, its views invalidated) when the bundle ungets it for the last time or stops. It behaves
 * exactly as a client from {@code Vineyard.connect} does; {@link #close()} ends the bundle's
 * connection early, after which calls throw {@link IllegalStateException} until the bundle ungets
 * the service and gets it again.
 *
 * <p>The server may still be activating when a bundle first asks: connecting retries for up to
 * {@link #CONNECT_TIMEOUT} before the activation fails with {@link
 * VineyardException.ConnectionFailed}.
 */
@Component(
    service = VineyardClient.class,
    scope = ServiceScope.BUNDLE,
    configurationPid = LocalVineyardClient.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = LocalVineyardClient.Config.class)
public final class LocalVineyardClient implements VineyardClient {
  /** The Config Admin PID the launcher configures with the runtime's socket. */
  public static final String PID = "io.vineyard.client";

  /** How long a bundle's first get waits for the server to serve. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration RETRY = Duration.ofMillis(100);

  /** Configuration of the in-process client. */
  @ObjectClassDefinition(name = "Vineyard in-process client")
  public @interface Config {
    /** The UNIX socket of the runtime's own IPC server. */
    @AttributeDefinition(
        description = "The UNIX-domain socket the runtime serves (vineyardd --socket)")
    String socket();
  }

  private final IpcClient client;

  /** Connects to the configured socket for the bundle that gets the service. */
  @Activate
  public LocalVineyardClient(Config config, @Reference PluginRegistry plugins) {
    this.client = connect(Path.of(config.socket()), plugins, CONNECT_TIMEOUT);
  }

  /**
   * Connects, retrying while nothing serves the socket yet (the server is activating).
   *
   * @throws VineyardException.ConnectionFailed naming the socket and the time waited
   */
  static IpcClient connect(Path socket, PluginRegistry plugins, Duration timeout) {
    AtomicReference<IpcClient> client = new AtomicReference<>();
    AtomicReference<VineyardException.ConnectionFailed> last = new AtomicReference<>();
    boolean served =
        Deadline.in(timeout)
            .poll(
                RETRY,
                () -> {
                  try {
                    client.set(IpcClient.connect(socket, plugins, null));
                    return true;
                  } catch (VineyardException.ConnectionFailed e) {
                    last.set(
                        e); // no event tells when the server starts to accept: polling is the only
                    // way
                    return false;
                  }
                });
    if (served) {
      return client.get();
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new VineyardException.ConnectionFailed(
          "interrupted while waiting for " + socket + " to be served", last.get());
    }
    throw new VineyardException.ConnectionFailed(
        "the runtime's IPC server did not serve "
            + socket
            + " within "
            + timeout.toMillis()
            + " ms (see the io.vineyard.server configuration and the log): "
            + last.get().getMessage(),
        last.get());
  }

  @Deactivate
  void deactivate() {
    client.close();
  }

  @Override
  public long instanceId() {
    return client.instanceId();
  }

  @Override
  public ObjectId put(Object value) {
    return client.put(value);
  }

  @Override
  public BlobWriter createBlob(long size) {
    return client.createBlob(size);
  }

  @Override
  public ObjectMeta createMetadata(ObjectMeta meta) {
    return client.createMetadata(meta);
  }

  @Override
  public java.util.List<BlobWriter> createBlobs(long... sizes) {
    return client.createBlobs(sizes);
  }

  @Override
  public java.util.List<ObjectMeta> createMetadata(java.util.List<ObjectMeta> metas) {
    return client.createMetadata(metas);
  }

  @Override
  public ObjectId createStream(ObjectMeta meta) {
    return client.createStream(meta);
  }

  @Override
  public io.vineyard.api.StreamWriter openStreamWriter(ObjectId stream) {
    return client.openStreamWriter(stream);
  }

  @Override
  public io.vineyard.api.StreamReader openStreamReader(ObjectId stream) {
    return client.openStreamReader(stream);
  }

  @Override
  public void dropStream(ObjectId stream) {
    client.dropStream(stream);
  }

  @Override
  public VineyardObject getObject(ObjectId id) {
    return client.getObject(id);
  }

  @Override
  public Object get(ObjectId id) {
    return client.get(id);
  }

  @Override
  public <T> T get(ObjectId id, Class<T> as) {
    return client.get(id, as);
  }

  @Override
  public ObjectMeta getMeta(ObjectId id) {
    return client.getMeta(id);
  }

  @Override
  public ObjectMeta getMeta(ObjectId id, boolean syncRemote) {
    return client.getMeta(id, syncRemote);
  }

  @Override
  public void persist(ObjectId id) {
    client.persist(id);
  }

  @Override
  public boolean isPersisted(ObjectId id) {
    return client.isPersisted(id);
  }

  @Override
  public ObjectId migrate(ObjectId id) {
    return client.migrate(id);
  }

  @Override
  public void putName(ObjectId id, String name) {
    client.putName(id, name);
  }

  @Override
  public void label(ObjectId id, java.util.Map<String, String> labels) {
    client.label(id, labels);
  }

  @Override
  public ObjectId getName(String name, boolean wait) {
    return client.getName(name, wait);
  }

  @Override
  public java.util.Map<String, ObjectId> listNames(String pattern, boolean regex, int limit) {
    return client.listNames(pattern, regex, limit);
  }

  @Override
  public void dropName(String name) {
    client.dropName(name);
  }

  @Override
  public List<io.vineyard.api.ClusterInstance> clusterMeta() {
    return client.clusterMeta();
  }

  @Override
  public boolean exists(ObjectId id) {
    return client.exists(id);
  }

  @Override
  public void delete(List<ObjectId> ids, boolean force, boolean deep) {
    client.delete(ids, force, deep);
  }

  @Override
  public List<ObjectMeta> list(String pattern, boolean regex, int limit) {
    return client.list(pattern, regex, limit);
  }

  @Override
  public void release(List<ObjectId> ids) {
    client.release(ids);
  }

  @Override
  public InstanceStatus status() {
    return client.status();
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return client.toString();
  }
}
