package io.vineyard.server.internal;

import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.meta.MetadataService;
import io.vineyard.store.BulkStore;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The IPC server as a DS component: serves the configured socket while a bulk store, a metadata
 * service and a plugin registry are present. Registered as a service so that others can track it;
 * SCR registers the service just before activation binds the socket, so "serving" is when the
 * socket accepts a connection (what the launcher waits for), not when the service appears.
 *
 * <p>The {@link PluginRegistry} is the API bundle's (backed by the {@code ObjectTypePlugin}
 * services): it is one service for the framework's lifetime and follows plugins as they come and
 * go, so installing or removing a plugin never restarts the server.
 */
@Component(
    service = IpcServerComponent.class,
    configurationPid = "io.vineyard.server",
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true)
@Designate(ocd = IpcServerComponent.Config.class)
public final class IpcServerComponent {

  /** Configuration of the IPC server. */
  @ObjectClassDefinition(name = "Vineyard IPC server")
  public @interface Config {
    /** The UNIX socket path. */
    @AttributeDefinition(description = "The UNIX-domain socket to serve (vineyardd --socket)")
    String socket();

    /**
     * The socket file's mode, octal (--socket-mode); 600, the owner's only, unless widened on
     * purpose.
     */
    @AttributeDefinition(
        description =
            "The socket file's mode in octal, e.g. 660 to let the owner's group connect"
                + " (--socket-mode); default 600: the owner only")
    String socket_mode() default "600";

    /** The store's shared-memory folder, reported in {@code instance_status} ({@code shm_dir}). */
    @AttributeDefinition(description = "The store's shared-memory folder, as reported to tools")
    String shm_dir() default "";

    /** The instance's data folder, reported in {@code instance_status} ({@code data_dir}). */
    @AttributeDefinition(description = "The instance's data folder, as reported to tools")
    String data_dir() default "";

    /** The cluster's discovery folder, reported in {@code instance_status}. */
    @AttributeDefinition(description = "The cluster's discovery folder, as reported to tools")
    String discovery_dir() default "";

    /** The watched plugins folder, reported in {@code instance_status} ({@code plugins_dir}). */
    @AttributeDefinition(description = "The watched plugins folder, as reported to tools")
    String plugins_dir() default "";

    /**
     * Whether to serve the RPC endpoint (--rpc). Off by default: it has no authentication, and even
     * on loopback every local user can reach a TCP port, while the socket is the owner's only.
     */
    @AttributeDefinition(
        description =
            "Serve vineyardd's RPC endpoint on TCP (--rpc); off by default: it has no"
                + " authentication")
    boolean rpc() default false;

    /** The RPC endpoint's port (--rpc-socket-port; 0: a free port). */
    @AttributeDefinition(description = "The RPC endpoint's TCP port (0: a free one)")
    int rpc_port() default 9600;

    /** The address the RPC endpoint binds (--rpc-bind); loopback unless widened on purpose. */
    @AttributeDefinition(description = "The address the RPC endpoint binds (default 127.0.0.1)")
    String rpc_bind() default "127.0.0.1";

    /** The largest JSON frame an RPC connection may send (payload bytes are not framed). */
    @AttributeDefinition(
        description = "The largest JSON frame accepted on the RPC endpoint, in bytes (64 MiB)")
    long rpc_max_frame() default 64L << 20;
  }

  private final ServerCore core;
  private final ServerMBeans mbeans;

  @Activate
  public IpcServerComponent(
      Config config,
      @Reference BulkStore store,
      @Reference MetadataService meta,
      @Reference PluginRegistry plugins)
      throws IOException {
    this.core =
        ServerCore.start(
            Path.of(config.socket()),
            store,
            meta,
            plugins,
            config.rpc()
                ? new ServerCore.RpcOptions(
                    config.rpc_bind(), config.rpc_port(), config.rpc_max_frame())
                : null);
    java.util.Map<String, String> folders = new java.util.LinkedHashMap<>();
    putIfSet(folders, "shm_dir", config.shm_dir());
    putIfSet(folders, "data_dir", config.data_dir());
    putIfSet(folders, "discovery_dir", config.discovery_dir());
    putIfSet(folders, "plugins_dir", config.plugins_dir());
    core.reportPaths(folders);
    String mode = config.socket_mode();
    if (mode != null && !mode.isBlank() && Integer.parseInt(mode.strip(), 8) != 0600) {
      try {
        java.nio.file.Files.setPosixFilePermissions(
            Path.of(config.socket()), permissions(Integer.parseInt(mode.strip(), 8)));
      } catch (IOException | RuntimeException e) {
        core.close();
        throw e;
      }
    }
    this.mbeans = new ServerMBeans(core);
  }

  private static void putIfSet(java.util.Map<String, String> m, String key, String value) {
    if (value != null && !value.isBlank()) {
      m.put(key, value);
    }
  }

  /** The permission set of an octal mode such as 0660. */
  static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
    java.nio.file.attribute.PosixFilePermission[] bits =
        java.nio.file.attribute.PosixFilePermission.values(); // OWNER_READ first
    java.util.Set<java.nio.file.attribute.PosixFilePermission> out =
        java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        out.add(bits[i]);
      }
    }
    return out;
  }

  @Deactivate
  void deactivate() {
    mbeans.close();
    core.close();
  }
}
