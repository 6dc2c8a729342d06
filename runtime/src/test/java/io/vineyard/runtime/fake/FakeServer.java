package io.vineyard.runtime.fake;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ManagedService;

/**
 * A stand-in for the server bundle in {@code LauncherIT}: takes its socket from Config Admin (PID
 * {@code io.vineyard.server}) and accepts connections until stopped. It prints what it is given on
 * stderr, so the test sees whether the configuration was there from the first update.
 */
public final class FakeServer implements BundleActivator, ManagedService {
  private ServerSocketChannel server;
  private Path socket;

  @Override
  public void start(BundleContext context) {
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(Constants.SERVICE_PID, "io.vineyard.server");
    context.registerService(ManagedService.class, this, properties);
  }

  @Override
  public synchronized void updated(Dictionary<String, ?> properties) {
    System.err.println(
        "fake server updated: socket=" + (properties == null ? null : properties.get("socket")));
    if (properties == null || server != null) {
      return;
    }
    try {
      socket = Path.of((String) properties.get("socket"));
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  while (true) {
                    try (SocketChannel ignored = server.accept()) {
                      // accepted and closed: the launcher's probe needs no more
                    }
                  }
                } catch (IOException closed) {
                  // stop() closed the channel
                }
              });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void stop(BundleContext context) throws IOException {
    if (server != null) {
      server.close();
      Files.deleteIfExists(socket);
    }
    System.err.println("fake server stopped");
  }
}
