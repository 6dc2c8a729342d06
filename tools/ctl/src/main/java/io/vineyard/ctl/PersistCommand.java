package io.vineyard.ctl;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code persist ID}: makes an object's metadata global, as the client's {@code persist}. */
@Command(
    name = "persist",
    mixinStandardHelpOptions = true,
    description =
        "Makes an object's metadata (members included) global: every instance of the cluster sees"
            + " it once this returns.")
final class PersistCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "the object")
  String target;

  @Override
  public Integer call() {
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      ObjectId id = Target.id(target);
      client.persist(id);
      if (out.json()) {
        out.printJson(Map.of("persisted", id.toString()));
      } else {
        out.writer().println("persisted " + id);
      }
      return 0;
    }
  }
}
