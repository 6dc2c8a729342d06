package io.vineyard.ctl;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code delete ID…}: deletes objects, as vineyardd's {@code del_data_request}. */
@Command(
    name = "delete",
    aliases = "del",
    mixinStandardHelpOptions = true,
    description =
        "Deletes objects; a blob's memory is freed once no client references it. An object used"
            + " by another is kept unless --force.")
final class DeleteCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "ID|NAME", description = "the objects")
  List<String> targets;

  @Option(names = "--deep", description = "also delete their members (those no other object uses)")
  boolean deep;

  @Option(names = "--force", description = "delete even objects other objects use as members")
  boolean force;

  @Override
  public Integer call() {
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      List<ObjectId> ids = targets.stream().map(t -> Target.resolve(client, t)).toList();
      client.delete(ids, force, deep);
      if (out.json()) {
        out.printJson(Map.of("deleted", ids.stream().map(ObjectId::toString).toList()));
      } else {
        ids.forEach(id -> out.writer().println("deleted " + id));
      }
      return 0;
    }
  }
}
