package io.vineyard.shell.internal;

import io.vineyard.api.ClusterInstance;
import io.vineyard.api.InstanceStatus;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.spi.ObjectTypePlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code vineyard:ls}, {@code vineyard:get}, {@code vineyard:status}, {@code vineyard:cluster} and
 * {@code vineyard:plugins}: the read-only commands of {@code vineyardctl} in the runtime's shell.
 *
 * <p>Registered with the standard Gogo properties ({@code osgi.command.scope}, {@code
 * osgi.command.function}); the shell calls the public methods of the same names and prints what
 * they return. A delayed component: its connection (the in-process client, its own per bundle) is
 * opened when the shell first uses a command and closed when the shell lets it go.
 */
@Component(
    service = VineyardCommands.class,
    property = {
      "osgi.command.scope=vineyard",
      "osgi.command.function=ls",
      "osgi.command.function=get",
      "osgi.command.function=status",
      "osgi.command.function=cluster",
      "osgi.command.function=plugins"
    })
public final class VineyardCommands {
  private final VineyardClient client;

  @Reference(
      service = ObjectTypePlugin.class,
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      fieldOption = FieldOption.UPDATE)
  private final List<ServiceReference<ObjectTypePlugin>> plugins = new CopyOnWriteArrayList<>();

  /** Made by DS with the in-process client. */
  @org.osgi.service.component.annotations.Activate
  public VineyardCommands(@Reference VineyardClient client) {
    this.client = client;
  }

  /** Lists every object (blobs too), at most 1000. */
  public String ls() {
    return ls("*");
  }

  /** Lists the objects whose typename matches a glob, at most 1000. */
  public String ls(String pattern) {
    List<List<String>> rows = new ArrayList<>();
    for (ObjectMeta m : client.list(pattern, false, 1000)) {
      rows.add(
          List.of(
              m.id().toString(),
              m.typename(),
              Text.bytes(m.nbytes()),
              Long.toString(m.instanceId()),
              m.isTransient() ? "transient" : "global"));
    }
    return Text.table(List.of("ID", "TYPENAME", "NBYTES", "INSTANCE", "SCOPE"), rows);
  }

  /** An object's metadata tree, by its ID ({@code o…}) or a name. */
  public String get(String target) {
    ObjectId id =
        target.matches("o[0-9a-fA-F]{1,16}")
            ? ObjectId.parse(target)
            : client.getName(target, false);
    StringBuilder out = new StringBuilder();
    tree(out, client.getMeta(id), "");
    return out.toString();
  }

  private static void tree(StringBuilder out, ObjectMeta meta, String indent) {
    out.append(meta.id())
        .append("  ")
        .append(meta.typename())
        .append("  (")
        .append(Text.bytes(meta.nbytes()))
        .append(", instance ")
        .append(meta.instanceId())
        .append(meta.isTransient() ? ", transient)" : ", global)")
        .append('\n');
    String inner = indent + "  ";
    meta.entries()
        .forEach(
            (k, v) -> {
              if (!(v instanceof ObjectMeta)
                  && !List.of("id", "typename", "nbytes", "instance_id", "transient").contains(k)) {
                out.append(inner).append(k).append(": ").append(v).append('\n');
              }
            });
    meta.members()
        .forEach(
            (name, member) -> {
              out.append(inner).append(name).append(": ");
              tree(out, member, inner);
            });
  }

  /** Memory, objects, connections and the metadata service's figures. */
  public String status() {
    InstanceStatus s = client.status();
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("instance", s.instanceId());
    shown.put("memory", Text.bytes(s.memoryUsage()) + " of " + Text.bytes(s.memoryLimit()));
    shown.put("objects", s.objects());
    shown.put("connections", s.ipcConnections() + " IPC, " + s.rpcConnections() + " RPC");
    s.metadata().forEach((k, v) -> shown.put(k.replace('_', ' '), v));
    return Text.keyValues(shown);
  }

  /** The cluster's members as this instance knows them, and its own Raft figures. */
  public String cluster() {
    InstanceStatus self = client.status();
    Map<String, Object> m = self.metadata();
    StringBuilder out = new StringBuilder();
    out.append("cluster ")
        .append(m.getOrDefault("cluster", "(" + m.getOrDefault("metadata", "none") + ")"))
        .append(", this instance ")
        .append(self.instanceId())
        .append(": role ")
        .append(m.getOrDefault("role", "-"))
        .append(", leader ")
        .append(m.getOrDefault("leader", "-"))
        .append(", term ")
        .append(m.getOrDefault("term", "-"))
        .append(", commit index ")
        .append(m.getOrDefault("commit_index", "-"))
        .append('\n');
    List<List<String>> rows = new ArrayList<>();
    for (ClusterInstance i : client.clusterMeta()) {
      rows.add(
          List.of(
              i.instanceId() + (i.instanceId() == self.instanceId() ? "*" : ""),
              i.status(),
              i.hostname(),
              i.ipcSocket()));
    }
    return out.append(Text.table(List.of("INSTANCE", "STATUS", "HOST", "SOCKET"), rows)).toString();
  }

  /** The object-type plugins installed: typename family, bundle and version. */
  public String plugins() {
    List<List<String>> rows = new ArrayList<>();
    for (ServiceReference<ObjectTypePlugin> ref : plugins) {
      Bundle b = ref.getBundle();
      Object family = ref.getProperty(ObjectTypePlugin.TYPENAME_PROPERTY);
      rows.add(
          List.of(
              family == null ? "?" : family.toString(),
              b == null ? "(gone)" : b.getSymbolicName(),
              b == null ? "" : b.getVersion().toString()));
    }
    rows.sort((a, c) -> a.get(0).compareTo(c.get(0)));
    return Text.table(List.of("TYPENAME", "BUNDLE", "VERSION"), rows);
  }
}
