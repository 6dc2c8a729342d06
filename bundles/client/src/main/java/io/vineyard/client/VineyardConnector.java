package io.vineyard.client;

import io.vineyard.api.VineyardClient;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An OSGi service that connects clients using the object-type plugins registered as services in the
 * framework (which {@link Vineyard#connect(Path)} cannot see from inside a bundle).
 *
 * <p>The caller owns each returned client and closes it; clients still open when this service goes
 * away (the client bundle stops) are closed then.
 */
@ProviderType
public interface VineyardConnector {

  /**
   * Connects to the instance listening on {@code socket}.
   *
   * @throws io.vineyard.api.VineyardException.ConnectionFailed naming the socket when nothing
   *     listens there
   */
  VineyardClient connect(Path socket);
}
