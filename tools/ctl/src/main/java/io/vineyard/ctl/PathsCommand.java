package io.vineyard.ctl;

import io.vineyard.api.VineyardClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paths}: the folders the instance uses, as it reports them in its status. */
@Command(
    name = "paths",
    mixinStandardHelpOptions = true,
    description =
        "Shows the socket and the shared-memory, data, discovery and plugins folders in effect.")
final class PathsCommand implements Callable<Integer> {
  /** The status fields that name a path, and what each is. */
  static final Map<String, String> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("ipc_socket", "socket");
    KEYS.put("shm_dir", "shared memory");
    KEYS.put("data_dir", "data");
    KEYS.put("discovery_dir", "discovery");
    KEYS.put("plugins_dir", "plugins");
  }

  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      Map<String, Object> reported = client.status().metadata();
      Map<String, Object> json = new LinkedHashMap<>();
      Map<String, Object> shown = new LinkedHashMap<>();
      KEYS.forEach(
          (key, what) -> {
            Object v = reported.get(key);
            json.put(key, v);
            shown.put(what, v == null ? "(not reported by this instance)" : v);
          });
      if (out.json()) {
        out.printJson(json);
      } else {
        out.keyValues(shown);
      }
      return 0;
    }
  }
}
