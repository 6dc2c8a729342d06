package io.vineyard.metrics.internal;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.AttributeList;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The Vineyard MBeans as Prometheus metrics, read at each scrape: {@code vineyard_memory_*}, {@code
 * vineyard_objects}, {@code vineyard_blobs}, {@code vineyard_connections}, {@code vineyard_raft_*}
 * per instance (label {@code socket}), and per request type (label {@code command}) {@code
 * vineyard_requests_total}, {@code vineyard_request_errors_total} and the histogram {@code
 * vineyard_request_duration_seconds}.
 */
final class JmxCollector implements MultiCollector {
  private static final String[] INSTANCE_GAUGES = {
    "MemoryUsage", "vineyard_memory_usage_bytes", "bytes allocated in the bulk store",
    "MemoryLimit", "vineyard_memory_limit_bytes", "the bulk store's cap (--size)",
    "Objects", "vineyard_objects", "objects whose metadata the instance holds",
    "Blobs", "vineyard_blobs", "blobs in the bulk store",
    "Connections", "vineyard_connections", "open IPC connections",
    "RaftTerm", "vineyard_raft_term", "the Raft term (-1: no Raft)",
    "RaftCommitIndex", "vineyard_raft_commit_index", "the Raft commit index (-1: no Raft)",
  };

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  @Override
  public MetricSnapshots collect() {
    Map<String, List<GaugeDataPointSnapshot>> gauges = new LinkedHashMap<>();
    List<GaugeDataPointSnapshot> leader = new ArrayList<>();
    for (ObjectName n : query("io.vineyard:type=Instance,*")) {
      Map<String, Object> a = attributes(n);
      Labels socket = Labels.of("socket", ObjectName.unquote(n.getKeyProperty("socket")));
      for (int i = 0; i < INSTANCE_GAUGES.length; i += 3) {
        if (a.get(INSTANCE_GAUGES[i]) instanceof Number v) {
          gauges
              .computeIfAbsent(INSTANCE_GAUGES[i + 1], k -> new ArrayList<>())
              .add(GaugeDataPointSnapshot.builder().labels(socket).value(v.doubleValue()).build());
        }
      }
      leader.add(
          GaugeDataPointSnapshot.builder()
              .labels(socket.add("role", String.valueOf(a.getOrDefault("RaftRole", ""))))
              .value(1)
              .build());
    }
    MetricSnapshots.Builder out = MetricSnapshots.builder();
    for (int i = 0; i < INSTANCE_GAUGES.length; i += 3) {
      List<GaugeDataPointSnapshot> points = gauges.get(INSTANCE_GAUGES[i + 1]);
      if (points != null) {
        GaugeSnapshot.Builder g =
            GaugeSnapshot.builder().name(INSTANCE_GAUGES[i + 1]).help(INSTANCE_GAUGES[i + 2]);
        points.forEach(g::dataPoint);
        out.metricSnapshot(g.build());
      }
    }
    GaugeSnapshot.Builder role =
        GaugeSnapshot.builder().name("vineyard_raft_role").help("1 for the instance's Raft role");
    leader.forEach(role::dataPoint);
    out.metricSnapshot(role.build());
    requests(out);
    return out.build();
  }

  private void requests(MetricSnapshots.Builder out) {
    CounterSnapshot.Builder count =
        CounterSnapshot.builder().name("vineyard_requests").help("requests served, by type");
    CounterSnapshot.Builder errors =
        CounterSnapshot.builder()
            .name("vineyard_request_errors")
            .help("requests answered with an error, by type");
    HistogramSnapshot.Builder latency =
        HistogramSnapshot.builder()
            .name("vineyard_request_duration_seconds")
            .help("time to serve a request, by type");
    for (ObjectName n : query("io.vineyard:type=Requests,*")) {
      Map<String, Object> a = attributes(n);
      if (!(a.get("Count") instanceof Long c)
          || !(a.get("Errors") instanceof Long e)
          || !(a.get("TotalMicros") instanceof Long micros)
          || !(a.get("LatencyBoundsMicros") instanceof long[] bounds)
          || !(a.get("LatencyCounts") instanceof long[] counts)) {
        continue;
      }
      Labels labels =
          Labels.of(
              "socket",
              ObjectName.unquote(n.getKeyProperty("socket")),
              "command",
              n.getKeyProperty("command"));
      count.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(c).build());
      errors.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(e).build());
      // per-bucket counts, as the MBean has them: the text format makes them cumulative
      double[] upper = new double[bounds.length + 1];
      for (int i = 0; i <= bounds.length; i++) {
        upper[i] = i < bounds.length ? bounds[i] / 1e6 : Double.POSITIVE_INFINITY;
      }
      latency.dataPoint(
          HistogramDataPointSnapshot.builder()
              .labels(labels)
              .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, counts))
              .sum(micros / 1e6)
              .build());
    }
    out.metricSnapshot(count.build());
    out.metricSnapshot(errors.build());
    out.metricSnapshot(latency.build());
  }

  private Set<ObjectName> query(String pattern) {
    try {
      return server.queryNames(new ObjectName(pattern), null);
    } catch (JMException e) {
      return Set.of();
    }
  }

  private Map<String, Object> attributes(ObjectName n) {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      String[] names =
          java.util.Arrays.stream(server.getMBeanInfo(n).getAttributes())
              .map(javax.management.MBeanAttributeInfo::getName)
              .toArray(String[]::new);
      AttributeList list = server.getAttributes(n, names);
      list.asList().forEach(attr -> out.put(attr.getName(), attr.getValue()));
    } catch (JMException e) {
      // unregistered meanwhile (the instance stopped): nothing to report for it
    }
    return out;
  }
}
