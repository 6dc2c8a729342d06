package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.tools.attach.VirtualMachine;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/**
 * A runtime's metrics: its JMX MBeans (read through a local JMX connector, attached by pid) and,
 * with --metrics-port, the same as Prometheus text on loopback.
 */
class MetricsTest {
  @Test
  void mbeansAndPrometheusTextReportTheInstance() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (RuntimeProcess rt =
        RuntimeProcess.start("128M", "--metrics-port", Integer.toString(port))) {
      try (VineyardClient client = Vineyard.connect(rt.socket)) {
        for (int i = 0; i < 5; i++) {
          client.put(new byte[1 << 20]);
        }
      }
      String socket = rt.socket.toString();

      // JMX: the instance and its requests
      VirtualMachine vm = VirtualMachine.attach(Long.toString(rt.process.pid()));
      String url;
      try {
        url = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
        MBeanServerConnection beans = jmx.getMBeanServerConnection();
        ObjectName instance =
            new ObjectName("io.vineyard:type=Instance,socket=" + ObjectName.quote(socket));
        assertEquals(128L << 20, beans.getAttribute(instance, "MemoryLimit"));
        assertTrue((Long) beans.getAttribute(instance, "MemoryUsage") >= 5L << 20);
        assertEquals(5, beans.getAttribute(instance, "Blobs"));
        assertEquals("Leader", beans.getAttribute(instance, "RaftRole"));
        assertTrue((Long) beans.getAttribute(instance, "RaftCommitIndex") >= 1);
        ObjectName creates =
            new ObjectName(
                "io.vineyard:type=Requests,socket="
                    + ObjectName.quote(socket)
                    + ",command=create_buffer_request");
        assertEquals(5L, beans.getAttribute(creates, "Count"));
        long[] counts = (long[]) beans.getAttribute(creates, "LatencyCounts");
        assertEquals(5L, java.util.Arrays.stream(counts).sum());
      }

      // Prometheus text on loopback
      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scrape.statusCode());
      String text = scrape.body();
      assertTrue(
          value(text, "vineyard_requests_total", "create_buffer_request", socket) == 5, text);
      assertTrue(
          value(text, "vineyard_request_duration_seconds_count", "create_buffer_request", socket)
              == 5,
          text);
      assertTrue(text.contains("vineyard_request_duration_seconds_bucket{"), text);
      assertTrue(
          text.contains("vineyard_memory_limit_bytes{socket=\"" + socket + "\"} 1.34217728E8"),
          text);
      assertTrue(
          text.contains("vineyard_raft_role{role=\"Leader\",socket=\"" + socket + "\"} 1"), text);
    }
  }

  /** The value of a per-command series of the Prometheus text. */
  private static double value(String text, String metric, String command, String socket) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(metric)
                    + "\\{command=\""
                    + Pattern.quote(command)
                    + "\",socket=\""
                    + Pattern.quote(socket)
                    + "\"\\} (\\S+)$")
            .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
