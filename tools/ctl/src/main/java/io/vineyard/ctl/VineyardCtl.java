package io.vineyard.ctl;

import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code vineyardctl}: looks into and changes a running Vineyard instance through its IPC socket.
 *
 * <p>Exit status 0 on success, 1 when the instance refuses or cannot be reached (one line on stderr
 * naming the cause), 2 for a bad command line.
 */
@Command(
    name = "vineyardctl",
    mixinStandardHelpOptions = true,
    versionProvider = VineyardCtl.Version.class,
    usageHelpWidth = 110,
    description = "Looks into and changes a running Vineyard instance through its IPC socket.",
    subcommands = {
      ListCommand.class,
      GetCommand.class,
      PutCommand.class,
      CatCommand.class,
      DeleteCommand.class,
      PersistCommand.class,
      NameCommand.class,
      NamesCommand.class,
      StatusCommand.class,
      ClusterCommand.class,
      PathsCommand.class
    })
public final class VineyardCtl {

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      description =
          "the instance's IPC socket (default: $VINEYARD_IPC_SOCKET, else /var/run/vineyard.sock"
              + " for root, else ~/.local/vineyard/vineyard.sock)")
  Path socket;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "print JSON for scripts instead of tables")
  boolean json;

  /** Connects to the instance the flags name. */
  VineyardClient connect() {
    return socket == null ? Vineyard.connect() : Vineyard.connect(socket.toAbsolutePath());
  }

  /** The output the flags ask for. */
  Output output(CommandLine.Model.CommandSpec spec) {
    return new Output(spec.commandLine().getOut(), json);
  }

  /**
   * Runs vineyardctl and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs a command line with the given streams; returns the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new VineyardCtl());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (e, a) -> {
          e.getCommandLine().getErr().println("vineyardctl: " + e.getMessage() + " (see --help)");
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println("vineyardctl: " + oneLine(e));
          return e instanceof IllegalArgumentException ? 2 : 1;
        });
    int status = cl.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  /** An exception as one line: a Vineyard error with its name and code, else its message. */
  static String oneLine(Throwable e) {
    if (e instanceof VineyardException v) {
      return v.getClass().getSimpleName() + " (code " + v.code().code() + "): " + v.getMessage();
    }
    if (e instanceof IllegalArgumentException || e instanceof java.io.IOException) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }
    return e.toString();
  }

  /** The version this jar was built as. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = VineyardCtl.class.getPackage().getImplementationVersion();
      return new String[] {"vineyardctl " + (v == null ? "(development build)" : v)};
    }
  }
}
