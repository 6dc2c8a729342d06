package io.vineyard.ctl;

import io.vineyard.api.InstanceStatus;
import io.vineyard.api.VineyardClient;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code status}: memory, objects, connections and the metadata service's figures. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows the instance: memory in use and its limit, objects, connections, metadata.")
final class StatusCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      InstanceStatus s = client.status();
      if (out.json()) {
        out.printJson(asMap(s));
        return 0;
      }
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("instance", s.instanceId());
      shown.put("deployment", s.deployment());
      shown.put(
          "memory",
          Output.bytes(s.memoryUsage())
              + " of "
              + Output.bytes(s.memoryLimit())
              + String.format(
                  Locale.ROOT,
                  " (%.1f%%)",
                  s.memoryLimit() == 0 ? 0.0 : 100.0 * s.memoryUsage() / s.memoryLimit()));
      shown.put("objects", s.objects());
      if (s.metadata().get("blobs") != null) {
        shown.put("blobs", s.metadata().get("blobs"));
      }
      shown.put("connections", s.ipcConnections() + " IPC, " + s.rpcConnections() + " RPC");
      s.metadata()
          .forEach(
              (k, v) -> {
                if (!PathsCommand.KEYS.containsKey(k) && !k.equals("blobs")) {
                  shown.put(k.replace('_', ' '), v);
                }
              });
      out.keyValues(shown);
      return 0;
    }
  }

  /** The status as vineyardd's field names, the metadata service's figures beside them. */
  static Map<String, Object> asMap(InstanceStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instance_id", s.instanceId());
    m.put("deployment", s.deployment());
    m.put("memory_usage", s.memoryUsage());
    m.put("memory_limit", s.memoryLimit());
    m.put("deferred_requests", s.deferredRequests());
    m.put("ipc_connections", s.ipcConnections());
    m.put("rpc_connections", s.rpcConnections());
    m.put("objects", s.objects());
    s.metadata().forEach((k, v) -> m.put(k, Output.jsonText(v)));
    return m;
  }
}
