package io.vineyard.server.internal;

import io.vineyard.protocol.Command;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers an instance's MBeans in the platform MBean server, one {@link InstanceMXBean} and one
 * {@link RequestsMXBean} per command, named by the instance's socket (so that several instances in
 * one JVM never collide), and unregisters them on {@link #close()}.
 */
final class ServerMBeans implements AutoCloseable {
  /** The JMX domain of every Vineyard MBean. */
  static final String DOMAIN = "io.vineyard";

  private static final System.Logger LOG = System.getLogger(ServerMBeans.class.getName());

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final List<ObjectName> registered = new ArrayList<>();

  ServerMBeans(ServerCore core) {
    String socket = ObjectName.quote(core.socketPath().toString());
    try {
      register(new ObjectName(DOMAIN + ":type=Instance,socket=" + socket), new Instance(core));
      RequestMetrics metrics = core.dispatcher().metrics();
      for (Command c : Command.values()) {
        register(
            new ObjectName(DOMAIN + ":type=Requests,socket=" + socket + ",command=" + c.request()),
            new Requests(c.request(), metrics.of(c)));
      }
    } catch (JMException e) {
      // metrics are an extra: the instance serves without them
      LOG.log(System.Logger.Level.WARNING, "JMX metrics not registered: " + e.getMessage());
    }
  }

  private void register(ObjectName name, Object bean) throws JMException {
    server.registerMBean(bean, name);
    registered.add(name);
  }

  @Override
  public void close() {
    for (ObjectName n : registered) {
      try {
        server.unregisterMBean(n);
      } catch (JMException e) {
        LOG.log(System.Logger.Level.DEBUG, "unregistering " + n + ": " + e.getMessage());
      }
    }
    registered.clear();
  }

  private record Instance(ServerCore core) implements InstanceMXBean {
    @Override
    public long getInstanceId() {
      return core.meta().instanceId();
    }

    @Override
    public String getSocket() {
      return core.socketPath().toString();
    }

    @Override
    public long getMemoryUsage() {
      return core.store().used();
    }

    @Override
    public long getMemoryLimit() {
      return core.store().limit();
    }

    @Override
    public long getObjects() {
      return core.meta().size();
    }

    @Override
    public int getBlobs() {
      return core.store().blobCount();
    }

    @Override
    public int getConnections() {
      return core.connections();
    }

    @Override
    public String getRaftRole() {
      Object role = core.meta().status().get("role");
      return role == null ? "" : role.toString();
    }

    @Override
    public long getRaftTerm() {
      return number(core.meta().status(), "term");
    }

    @Override
    public long getRaftCommitIndex() {
      return number(core.meta().status(), "commit_index");
    }

    private static long number(Map<String, Object> status, String key) {
      return status.get(key) instanceof Number n ? n.longValue() : -1;
    }
  }

  private record Requests(String command, RequestMetrics.PerCommand figures)
      implements RequestsMXBean {
    @Override
    public String getCommand() {
      return command;
    }

    @Override
    public long getCount() {
      return figures.count.sum();
    }

    @Override
    public long getErrors() {
      return figures.errors.sum();
    }

    @Override
    public long getTotalMicros() {
      return figures.nanos.sum() / 1_000;
    }

    @Override
    public long[] getLatencyBoundsMicros() {
      return RequestMetrics.BOUNDS_MICROS.clone();
    }

    @Override
    public long[] getLatencyCounts() {
      return figures.bucketCounts();
    }

    @Override
    public long getLatencyP50Micros() {
      return figures.quantileMicros(0.5);
    }

    @Override
    public long getLatencyP99Micros() {
      return figures.quantileMicros(0.99);
    }
  }
}
