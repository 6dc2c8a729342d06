package io.vineyard.ctl;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ls}: the objects of the instance whose typename matches, one line each. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description =
        "Lists objects (blobs too) whose typename matches a glob or a regular expression.")
final class ListCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Match match;

  static final class Match {
    @Option(
        names = "--pattern",
        paramLabel = "GLOB",
        description = "typenames matching this glob, e.g. 'vineyard::Array*' (default: *)")
    String glob;

    @Option(names = "--regex", paramLabel = "RE", description = "typenames matching this regex")
    String regex;
  }

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "1000",
      description = "at most N objects (default: ${DEFAULT-VALUE})")
  int limit;

  @Override
  public Integer call() {
    if (limit <= 0) {
      throw new IllegalArgumentException("--limit must be positive, not " + limit);
    }
    boolean regex = match != null && match.regex != null;
    String pattern = regex ? match.regex : match != null && match.glob != null ? match.glob : "*";
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      List<ObjectMeta> all = client.list(pattern, regex, limit);
      if (out.json()) {
        out.printJson(all);
        return 0;
      }
      out.table(
          List.of("ID", "TYPENAME", "NBYTES", "INSTANCE", "SCOPE"),
          all.stream()
              .map(
                  m ->
                      List.of(
                          m.id().toString(),
                          m.typename(),
                          Output.bytes(m.nbytes()),
                          Long.toString(m.instanceId()),
                          m.isTransient() ? "transient" : "global"))
              .toList());
      if (all.size() == limit) {
        spec.commandLine().getErr().println("(the first " + limit + "; --limit N for more)");
      }
      return 0;
    }
  }
}
