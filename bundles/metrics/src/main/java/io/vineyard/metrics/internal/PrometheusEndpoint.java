package io.vineyard.metrics.internal;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Serves the instance's metrics as Prometheus text at {@code http://127.0.0.1:PORT/metrics} while
 * configured ({@code --metrics-port}); loopback only, as the instance serves nothing else beyond
 * this host. A port in use fails the activation, naming the port.
 */
@Component(
    configurationPid = PrometheusEndpoint.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE,
    immediate = true,
    service = {})
@Designate(ocd = PrometheusEndpoint.Config.class)
public final class PrometheusEndpoint {
  /** The Config Admin PID the launcher configures with {@code --metrics-port}. */
  public static final String PID = "io.vineyard.metrics";

  private static final System.Logger LOG = System.getLogger(PrometheusEndpoint.class.getName());

  /** Configuration of the endpoint. */
  @ObjectClassDefinition(name = "Vineyard Prometheus endpoint")
  public @interface Config {
    /** The loopback TCP port. */
    @AttributeDefinition(
        description = "The loopback TCP port to serve /metrics on (--metrics-port)")
    int port();
  }

  private final HTTPServer http;

  @Activate
  public PrometheusEndpoint(Config config) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new JmxCollector());
    try {
      http =
          HTTPServer.builder()
              .hostname("127.0.0.1")
              .port(config.port())
              .registry(registry)
              .buildAndStart();
    } catch (IOException e) {
      throw new IOException(
          "cannot serve metrics on 127.0.0.1:" + config.port() + " (--metrics-port): " + e, e);
    }
    LOG.log(
        System.Logger.Level.INFO,
        "metrics served at http://127.0.0.1:" + http.getPort() + "/metrics");
  }

  @Deactivate
  void deactivate() {
    http.close();
  }
}
