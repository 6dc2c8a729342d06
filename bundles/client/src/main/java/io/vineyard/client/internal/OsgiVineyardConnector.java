package io.vineyard.client.internal;

import io.vineyard.api.VineyardClient;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.client.VineyardConnector;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link VineyardConnector} service: connects clients with the framework's plugin registry, and
 * closes the clients still open when it is deactivated.
 */
@Component(service = VineyardConnector.class)
public class OsgiVineyardConnector implements VineyardConnector {
  private final Set<IpcClient> open = ConcurrentHashMap.newKeySet();

  @Reference PluginRegistry plugins;

  @Override
  public VineyardClient connect(Path socket) {
    IpcClient client = IpcClient.connect(socket, plugins, open::remove);
    open.add(client);
    return client;
  }

  @Deactivate
  void deactivate() {
    open.forEach(IpcClient::close);
    open.clear();
  }
}
