package io.vineyard.ctl;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code names [PATTERN]}: the cluster's names and the objects they refer to. */
@Command(
    name = "names",
    mixinStandardHelpOptions = true,
    description =
        "Lists names (cluster-wide) matching a glob, or a regular expression with --regex.")
final class NamesCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "a glob (default: *)")
  String pattern = "*";

  @Option(names = "--regex", description = "PATTERN is a regular expression")
  boolean regex;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "1000",
      description = "at most N names (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    if (limit <= 0) {
      throw new IllegalArgumentException("--limit must be positive, not " + limit);
    }
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      Map<String, ObjectId> names = new TreeMap<>(client.listNames(pattern, regex, limit));
      if (out.json()) {
        Map<String, String> plain = new LinkedHashMap<>();
        names.forEach((n, id) -> plain.put(n, id.toString()));
        out.printJson(plain);
      } else {
        out.table(
            List.of("NAME", "ID"),
            names.entrySet().stream()
                .map(e -> List.of(e.getKey(), e.getValue().toString()))
                .toList());
      }
      return 0;
    }
  }
}
