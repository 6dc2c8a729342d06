package io.vineyard.itests.framework;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.VineyardConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * An instance configured the way vineyardd configures it, through Config Admin ({@code
 * io.vineyard.store}: 64 MiB in a fresh folder under /dev/shm, not kept; {@code
 * io.vineyard.meta.local}: a data directory; {@code io.vineyard.server}: a socket; both in a
 * temporary folder), serves a client from the {@link VineyardConnector} service: bytes put come
 * back equal; deleting the configurations stops the server, which removes its socket, and the
 * store, which removes its arena files.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class BlobRoundTripTest {
  private static final String STORE_PID = "io.vineyard.store";
  private static final String META_PID = "io.vineyard.meta.local";
  private static final String SERVER_PID = "io.vineyard.server";
  private static final String SERVER_COMPONENT = "io.vineyard.server.internal.IpcServerComponent";
  private static final String STORE_COMPONENT = "io.vineyard.store.internal.BulkStoreComponent";
  private static final String META_COMPONENT = "io.vineyard.meta.local.StandaloneMetadataService";

  @InjectBundleContext BundleContext context;

  @InjectService(timeout = 5000)
  ConfigurationAdmin configAdmin;

  @InjectService(timeout = 5000)
  VineyardConnector connector;

  @InjectService(timeout = 5000)
  ServiceComponentRuntime scr;

  @TempDir Path tmp;

  private Path shmDir;
  private final List<Configuration> configurations = new ArrayList<>();
  private Components server;
  private Components store;
  private Components meta;

  @BeforeEach
  void setUp() throws IOException {
    server =
        new Components(scr, Bundles.bySymbolicName(context, "vineyard-server"), SERVER_COMPONENT);
    store = new Components(scr, Bundles.bySymbolicName(context, "vineyard-store"), STORE_COMPONENT);
    meta =
        new Components(scr, Bundles.bySymbolicName(context, "vineyard-meta-local"), META_COMPONENT);
    shmDir = Files.createTempDirectory(Path.of("/dev/shm"), "vineyard-itest-");
  }

  /**
   * Whatever the test got to: its configurations go (stopping the server, store and metadata
   * service), then its folder under /dev/shm; JUnit removes the temporary folder afterwards.
   */
  @AfterEach
  void cleanUp() throws IOException {
    try {
      for (Configuration c : configurations) {
        try {
          c.delete();
        } catch (IllegalStateException alreadyDeleted) {
          // deleted by the test itself
        }
      }
      Await.until(
          () -> server.gone() && store.gone() && meta.gone(),
          () ->
              "the server, store and metadata service stop "
                  + "once their configurations are gone: "
                  + server.describe()
                  + "; "
                  + store.describe()
                  + "; "
                  + meta.describe());
    } finally {
      deleteTree(shmDir);
    }
  }

  @Test
  void blobRoundTripThroughAConfiguredServer() throws IOException {
    Path socket = tmp.resolve("vineyard.sock");
    assertTrue(server.gone(), () -> "before configuring: " + server.describe());
    assertTrue(store.gone(), () -> "before configuring: " + store.describe());
    assertTrue(meta.gone(), () -> "before configuring: " + meta.describe());

    // keep false (vineyardd --no-keep): the arenas go with the store, as checked below
    Configuration storeConfig =
        configure(STORE_PID, "size", "64MiB", "shm.dir", shmDir.toString(), "keep", "false");
    Configuration metaConfig =
        configure(
            META_PID, "data.dir", tmp.resolve("data").toString(), "socket", socket.toString());
    Configuration serverConfig = configure(SERVER_PID, "socket", socket.toString());
    Await.until(
        server::active,
        () ->
            "the server is up: "
                + server.describe()
                + "; "
                + store.describe()
                + "; "
                + meta.describe());
    assertTrue(store.active(), () -> store.describe());
    assertTrue(Files.exists(socket), () -> "socket file " + socket);
    assertFalse(noFilesIn(shmDir), () -> "arena files in " + shmDir);

    byte[] payload = new byte[1 << 20];
    new Random(20261125).nextBytes(payload);
    ObjectId id;
    try (VineyardClient writer = connector.connect(socket)) {
      id = writer.put(payload);
      assertTrue(id.isBlob(), () -> id + " is a blob ID");
      assertEquals("vineyard::Blob", writer.getMeta(id).typename());
      assertArrayEquals(
          payload, bytes(writer.get(id, ByteBuffer.class)), "read back by the writer");
    }
    try (VineyardClient reader = connector.connect(socket)) {
      assertArrayEquals(
          payload, bytes(reader.get(id, ByteBuffer.class)), "read back by another client");
    }

    // Config Admin and SCR deactivate on their own threads, and SCR may drop the component's
    // configuration before its deactivate method has finished: wait for both signs
    serverConfig.delete();
    Await.until(
        () -> server.gone() && !Files.exists(socket),
        () ->
            "the server stops and removes socket "
                + socket
                + " once io.vineyard.server is deleted: "
                + server.describe());

    metaConfig.delete();
    Await.until(
        meta::gone,
        () ->
            "the metadata service stops once io.vineyard.meta.local is deleted: "
                + meta.describe());

    // the store removes its arena files, and the folder too when nothing else is in it
    storeConfig.delete();
    Await.until(
        () -> store.gone() && noFilesIn(shmDir),
        () ->
            "the store closes and removes its arena files in "
                + shmDir
                + " once io.vineyard.store is deleted: "
                + store.describe());
  }

  /** Creates (or replaces) the configuration {@code pid}, for whichever bundle asks for it. */
  private Configuration configure(String pid, String... keysAndValues) throws IOException {
    Hashtable<String, Object> properties = new Hashtable<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    // "?": a multi-location binding, so the configuration reaches the store and server bundles, not
    // this one
    Configuration c = configAdmin.getConfiguration(pid, "?");
    configurations.add(c);
    c.update(properties);
    return c;
  }

  private static byte[] bytes(ByteBuffer view) {
    byte[] copy = new byte[view.remaining()];
    view.duplicate().get(copy);
    return copy;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Whether {@code dir} is empty or does not exist. */
  private static boolean noFilesIn(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (NoSuchFileException gone) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
