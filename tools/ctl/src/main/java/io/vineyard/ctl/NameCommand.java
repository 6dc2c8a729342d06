package io.vineyard.ctl;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code name ID NAME}: names a persisted object cluster-wide (or drops a name). */
@Command(
    name = "name",
    mixinStandardHelpOptions = true,
    description =
        "Names a persisted object, cluster-wide (only persisted objects take a name); --drop NAME"
            + " removes a name.")
final class NameCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "ID NAME", description = "the object and its new name")
  java.util.List<String> args = java.util.List.of();

  @Option(names = "--drop", paramLabel = "NAME", description = "remove this name instead")
  String drop;

  @Override
  public Integer call() {
    if (drop == null && args.size() != 2) {
      throw new IllegalArgumentException("name takes ID NAME (or --drop NAME)");
    }
    if (drop != null && !args.isEmpty()) {
      throw new IllegalArgumentException("name --drop NAME takes no other argument");
    }
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      if (drop != null) {
        client.dropName(drop);
        if (out.json()) {
          out.printJson(Map.of("dropped", drop));
        } else {
          out.writer().println("dropped " + drop);
        }
        return 0;
      }
      ObjectId id = Target.id(args.get(0));
      client.putName(id, args.get(1));
      if (out.json()) {
        out.printJson(Map.of("name", args.get(1), "id", id.toString()));
      } else {
        out.writer().println(args.get(1) + " -> " + id);
      }
      return 0;
    }
  }
}
