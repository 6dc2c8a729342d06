package io.vineyard.ctl;

import io.vineyard.api.ClusterInstance;
import io.vineyard.api.InstanceStatus;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cluster}: the members as {@code cluster_meta} reports them, each with its Raft role, term
 * and commit index, asked of the member itself through its socket when that socket is on this host
 * (a member elsewhere shows only what the cluster knows of it).
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Shows the cluster's members: status, Raft role, term, commit index, host and socket.")
final class ClusterCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      InstanceStatus self = client.status();
      List<Map<String, Object>> members = new ArrayList<>();
      for (ClusterInstance i : client.clusterMeta()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance_id", i.instanceId());
        m.put("status", i.status());
        Map<String, Object> figures =
            i.instanceId() == self.instanceId() ? self.metadata() : askMember(i);
        m.put("role", figures.getOrDefault("role", ""));
        m.put("term", figures.getOrDefault("term", ""));
        m.put("commit_index", figures.getOrDefault("commit_index", ""));
        m.put("raft_id", figures.getOrDefault("raft_id", ""));
        m.put("hostname", i.hostname());
        m.put("ipc_socket", i.ipcSocket());
        m.put("self", i.instanceId() == self.instanceId());
        members.add(m);
      }
      Map<String, Object> meta = self.metadata();
      if (out.json()) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("cluster", meta.getOrDefault("cluster", ""));
        all.put("metadata", meta.getOrDefault("metadata", ""));
        all.put("leader", meta.getOrDefault("leader", ""));
        all.put("term", meta.getOrDefault("term", ""));
        all.put("commit_index", meta.getOrDefault("commit_index", ""));
        all.put("members", members);
        out.printJson(all);
        return 0;
      }
      out.writer()
          .println(
              "cluster "
                  + meta.getOrDefault(
                      "cluster", "(none: " + meta.getOrDefault("metadata", "?") + ")")
                  + ", leader "
                  + blankAs(meta.get("leader"), "(none)")
                  + ", term "
                  + blankAs(meta.get("term"), "-")
                  + ", commit index "
                  + blankAs(meta.get("commit_index"), "-"));
      out.table(
          List.of("INSTANCE", "STATUS", "ROLE", "TERM", "COMMIT", "HOST", "SOCKET"),
          members.stream()
              .map(
                  m ->
                      List.of(
                          m.get("instance_id") + (Boolean.TRUE.equals(m.get("self")) ? "*" : ""),
                          String.valueOf(m.get("status")),
                          blankAs(m.get("role"), "?"),
                          blankAs(m.get("term"), "?"),
                          blankAs(m.get("commit_index"), "?"),
                          String.valueOf(m.get("hostname")),
                          String.valueOf(m.get("ipc_socket"))))
              .toList());
      return 0;
    }
  }

  /** A member's own figures through its socket, or none when it cannot be asked from here. */
  private static Map<String, Object> askMember(ClusterInstance i) {
    if (i.ipcSocket() == null || i.ipcSocket().isEmpty() || !Files.exists(Path.of(i.ipcSocket()))) {
      return Map.of();
    }
    try (VineyardClient member = Vineyard.connect(Path.of(i.ipcSocket()))) {
      return member.status().metadata();
    } catch (VineyardException e) {
      return Map.of();
    }
  }

  private static String blankAs(Object v, String blank) {
    String s = Objects.toString(v, "");
    return s.isEmpty() ? blank : s;
  }
}
