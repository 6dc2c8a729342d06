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
 * The IPC server as a DS component: serves the configured socket while a bulk store, a
 * metadata service and a plugin registry are present. Registered as a service so that others can
 * track it; SCR registers the service just before activation binds the socket, so "serving" is
 * when the socket accepts a connection (what the launcher waits for), not when the service appears.
 *
 * <p>The {@link PluginRegistry} is the client bundle's (backed by the {@code ObjectTypePlugin}
 * services): it is one service for the framework's lifetime and follows plugins as they come and
 * go, so installing or removing a plugin never restarts the server.
 */
@Component(service = IpcServerComponent.class, configurationPid = "io.vineyard.server", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = IpcServerComponent.Config.class)
public final class IpcServerComponent {

  /** Configuration of the IPC server. */
  @ObjectClassDefinition(name = "Vineyard IPC server")
  public @interface Config {
    /** The UNIX socket path. */
    @AttributeDefinition(description = "The UNIX-domain socket to serve (vineyardd --socket)")
    String socket();
  }

  private final ServerCore core;

  @Activate
  public IpcServerComponent(Config config, @Reference BulkStore store, @Reference MetadataService meta,
      @Reference PluginRegistry plugins) throws IOException {
    this.core = ServerCore.start(Path.of(config.socket()), store, meta, plugins);
  }

  @Deactivate
  void deactivate() {
    core.close();
  }
}
