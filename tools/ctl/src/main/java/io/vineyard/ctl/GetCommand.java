package io.vineyard.ctl;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code get}: an object's metadata tree, or with {@code --value} its typed value. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Prints an object's metadata tree (members indented), or its value.")
final class GetCommand implements Callable<Integer> {
  @ParentCommand VineyardCtl root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID|NAME", description = "the object: its ID (o…) or a name")
  String target;

  @Option(
      names = "--value",
      description = "print the object's typed value instead, large arrays summarized")
  boolean value;

  @Option(
      names = "--sync",
      description = "catch up with the cluster first (an object persisted elsewhere a moment ago)")
  boolean sync;

  @Override
  public Integer call() {
    Output out = root.output(spec);
    try (VineyardClient client = root.connect()) {
      ObjectId id = Target.resolve(client, target);
      ObjectMeta meta = client.getMeta(id, sync);
      if (value) {
        String shown = ValueSummary.of(client.get(id));
        if (out.json()) {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("id", id.toString());
          v.put("typename", meta.typename());
          v.put("value", shown);
          out.printJson(v);
        } else {
          out.writer().println(shown);
        }
      } else if (out.json()) {
        out.printJson(meta);
      } else {
        print(out.writer(), meta, "");
      }
      return 0;
    }
  }

  /** A tree as indented lines: the object's line, its fields, then its members, deeper. */
  static void print(PrintWriter w, ObjectMeta meta, String indent) {
    w.println(
        meta.id()
            + "  "
            + meta.typename()
            + "  ("
            + Output.bytes(meta.nbytes())
            + ", instance "
            + meta.instanceId()
            + ", "
            + (meta.isTransient() ? "transient" : "global")
            + ")");
    String inner = indent + "  ";
    meta.entries()
        .forEach(
            (k, v) -> {
              if (!(v instanceof ObjectMeta) && !HEADLINE.contains(k)) {
                w.println(inner + k + ": " + (v instanceof Map<?, ?> ? Output.plain(v) : v));
              }
            });
    meta.members()
        .forEach(
            (name, member) -> {
              w.print(inner + name + ": ");
              print(w, member, inner);
            });
  }

  /** Fields the object's first line already shows. */
  private static final java.util.Set<String> HEADLINE =
      java.util.Set.of("id", "typename", "nbytes", "instance_id", "transient");
}
