package io.vineyard.runtime;

import io.vineyard.settings.Deadline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vineyardd}: starts one Vineyard instance, a Felix framework whose bundles (a bundle set,
 * {@code --bundle-set}) serve the IPC socket, and stops it cleanly on Ctrl-C or SIGTERM.
 *
 * <p>Stdout carries one line, {@code vineyardd ready: socket=... size=... set=... bundles=N (T
 * ms)}, once the socket accepts connections; everything else goes to stderr (without {@code
 * --shell}, what bundles print to {@code System.out} too). Exit status 1 when the socket is already
 * served, a bundle does not start, a component fails to activate, or the socket does not come up
 * within 60 s; 2 for a bad command line or bundle set.
 */
@Command(
    name = "vineyardd",
    mixinStandardHelpOptions = true,
    versionProvider = Flags.Version.class,
    sortOptions = false,
    usageHelpWidth = 110,
    footer = {
      "",
      "Every flag is also accepted with underscores, as vineyardd spells its flags: --shm_dir is"
          + " --shm-dir."
    },
    description =
        "Runs a Vineyard instance: a shared-memory object store speaking vineyardd's IPC protocol.")
public final class Main implements Callable<Integer> {
  static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private volatile boolean stopping;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description =
          "IPC socket (default: $VINEYARD_IPC_SOCKET, "
              + "else /var/run/vineyard.sock for root, else ~/.local/vineyard/vineyard.sock)")
  Path socket;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--socket-mode",
      paramLabel = "MODE",
      defaultValue = "600",
      description =
          "the socket file's mode "
              + "in octal: 600 (default) lets only this user connect; e.g. 660 lets this user's group connect too, on purpose")
  String socketMode;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = Defaults.SIZE,
      converter = Flags.SizeConverter.class,
      description =
          "shared memory of the bulk store, e.g. 512M, 2G, 1.5GiB; binary units (default: ${DEFAULT-VALUE})")
  long size;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--shm-dir",
      paramLabel = "DIR",
      description =
          "folder of the shared-memory arenas (default: /dev/shm/vineyard-<user>-<hash of the socket path>)")
  Path shmDir;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--no-keep",
      description =
          "free the shared memory when this runtime stops: by default sealed blobs "
              + "stay in the shared-memory folder (a clean stop or a crash) and the next start on the same socket has them back")
  boolean noKeep;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--spill-path",
      paramLabel = "DIR",
      description =
          "folder to spill cold blobs to when shared memory runs short: sealed blobs no client "
              + "references are written there and their memory freed, and come back on their next get (default: none, no spilling)")
  Path spillPath;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--spill-lower-rate",
      paramLabel = "RATE",
      defaultValue = Settings.Spill.DEFAULT_LOWER_RATE,
      description =
          "with --spill-path: spilling goes down to this share of --size (default: ${DEFAULT-VALUE})")
  double spillLowerRate;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--spill-upper-rate",
      paramLabel = "RATE",
      defaultValue = Settings.Spill.DEFAULT_UPPER_RATE,
      description =
          "with --spill-path: a create at or above this share of --size spills (default: ${DEFAULT-VALUE})")
  double spillUpperRate;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--reserve-memory",
      description =
          "allocate all of --size in the shared-memory folder at start (vineyardd's --reserve_memory): puts then never "
              + "wait for the filesystem to allocate pages, and freed memory stays allocated for the next put")
  boolean reserveMemory;

  @FlagSections.In(FlagSections.Section.PLUGINS)
  @Option(
      names = "--plugins-dir",
      paramLabel = "DIR",
      description =
          "folder watched for plugin jars, created if "
              + "missing (default: ~/.local/vineyard/plugins; /var/lib/vineyard/plugins for root)")
  Path pluginsDir;

  @FlagSections.In(FlagSections.Section.STORAGE)
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "this instance's own folder (metadata log, "
              + "snapshots, instance ID); two runtimes never share one (default: ~/.local/share/vineyard/<hash of the "
              + "socket path>; /var/lib/vineyard/data/<hash> for root)")
  Path dataDir;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      defaultValue = Cluster.DEFAULT_NAME,
      description =
          "the cluster's name; runtimes with different names never meet (default: ${DEFAULT-VALUE})")
  String cluster;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--bind",
      paramLabel = "ADDR[:PORT]",
      converter = Flags.BindConverter.class,
      description =
          "address (and port) of the cluster transport (default: "
              + Cluster.DEFAULT_BIND
              + ", a free port); IPv6 as [ADDR]:PORT")
  Cluster.Address bind;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--peers",
      paramLabel = "HOST:PORT,...",
      description =
          "every member of a fixed cluster, as "
              + "each one's --bind says it (this one's included or not); needs --bind ADDR:PORT (default: none, the "
              + "runtimes of this user find each other through the discovery folder)")
  String peers;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--discovery-dir",
      paramLabel = "DIR",
      description =
          "the folder this user's runtimes share to "
              + "find each other without --peers (default: ~/.local/vineyard/discovery; /var/lib/vineyard/discovery for root)")
  Path discoveryDir;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--cluster-key",
      paramLabel = "FILE",
      description =
          "the key the cluster transport encrypts with, "
              + "0600, the same file on every member (default: <discovery folder>/<cluster>.key, created when the cluster "
              + "is first founded; give it for a cluster across hosts, copied to each)")
  Path clusterKey;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--commit-timeout",
      paramLabel = "DURATION",
      converter = Flags.DurationConverter.class,
      description =
          "how long a change may wait for a majority of the cluster, e.g. 500ms, 10s (default: the "
              + "metadata service's, 10 s)")
  Duration commitTimeout;

  @FlagSections.In(FlagSections.Section.PLUGINS)
  @Option(
      names = "--bundle-set",
      paramLabel = "NAME|FILE",
      defaultValue = BundleSet.DEFAULT,
      description =
          "the bundles to start: a set of the distribution (cluster: Raft metadata; standalone: one "
              + "instance, no cluster) or a set file (a path with a /; see bundle-sets/core) (default: ${DEFAULT-VALUE})")
  String bundleSet;

  @FlagSections.In(FlagSections.Section.PLUGINS)
  @Option(
      names = "--bundle-dir",
      paramLabel = "DIR",
      description = "folder of the runtime's bundles (default: ../bundles beside the launcher jar)")
  Path bundleDir;

  @FlagSections.In(FlagSections.Section.DIAGNOSTICS)
  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "INFO",
      converter = Flags.LevelConverter.class,
      description =
          "lowest level logged to stderr: ERROR, WARN, INFO, DEBUG, TRACE (or JUL's names; default: ${DEFAULT-VALUE})")
  Level logLevel;

  @FlagSections.In(FlagSections.Section.DIAGNOSTICS)
  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "serve the instance's metrics as Prometheus text at http://127.0.0.1:PORT/metrics"
              + " (default: none; the JMX MBeans of domain io.vineyard are there either way)")
  Integer metricsPort;

  @FlagSections.In(FlagSections.Section.DIAGNOSTICS)
  @Option(names = "--shell", description = "also start the interactive Gogo shell on stdin/stdout")
  boolean shell;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--rpc",
      description =
          "also serve vineyardd's RPC endpoint on TCP, for clients on other hosts and for fetching"
              + " payloads between instances; off by default: it has no authentication")
  boolean rpc;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--rpc-socket-port",
      paramLabel = "PORT",
      description =
          "with --rpc: the RPC endpoint's TCP port, 0 for a free one (default: "
              + RpcSettings.DEFAULT_PORT
              + ")")
  Integer rpcPort;

  @FlagSections.In(FlagSections.Section.CLUSTER)
  @Option(
      names = "--rpc-bind",
      paramLabel = "ADDR",
      description =
          "with --rpc: the address the RPC endpoint binds (default: "
              + RpcSettings.DEFAULT_BIND
              + ", this host only); 0.0.0.0 opens it to the network")
  String rpcBind;

  /**
   * Runs vineyardd and exits with its status.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    RuntimeLogging.install();
    // overwritten options allowed: the last one wins, so a --bundle-dir after the script's counts
    CommandLine commandLine = new CommandLine(new Main());
    FlagSections.install(commandLine);
    int status =
        commandLine
            .setOverwrittenOptionsAllowed(true)
            .setParameterExceptionHandler(
                (e, a) -> {
                  e.getCommandLine()
                      .getErr()
                      .println("vineyardd: " + e.getMessage() + " (see --help)");
                  return 2;
                })
            .setExecutionExceptionHandler(
                (e, cl, parsed) -> {
                  System.getLogger(Main.class.getName())
                      .log(System.Logger.Level.DEBUG, "vineyardd failed", e);
                  cl.getErr()
                      .println(
                          "vineyardd: "
                              + (e instanceof IllegalStateException
                                  ? e.getMessage()
                                  : "cannot run: " + e));
                  return 1;
                })
            .execute(FlagSections.dashed(args, commandLine.getCommandSpec()));
    exitStatus = status;
    System.exit(status);
  }

  /**
   * The status {@link #main} exits with, once known; -1 while the runtime serves. A clean stop by a
   * signal (SIGINT, SIGTERM) exits 0, not the JVM's 128 + signal: the shutdown hook ends the
   * process with this status, or 0 when a signal started the shutdown.
   */
  private static volatile int exitStatus = -1;

  @Override
  public Integer call() throws Exception {
    RuntimeLogging.setLevel(logLevel);
    PrintStream stdout = System.out;
    QuietConsole console =
        QuietConsole.over(System.err, logLevel.intValue() <= Level.FINE.intValue());
    PrintStream quiet = console.stream();
    System.setErr(
        quiet); // SCR's errors, without their stack traces (the launcher's own lines pass as they
    // are)
    if (!shell) {
      // stdout is the ready line's: what bundles print there (SCR's warnings, say) goes to stderr
      System.setOut(quiet);
    }
    Settings settings;
    try {
      settings = settings(Defaults.ofThisProcess());
      SocketProbe.checkLength(settings.socket());
    } catch (IllegalArgumentException e) {
      System.err.println("vineyardd: " + e.getMessage());
      return 2;
    }
    List<String> problems = Preflight.check(settings);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("vineyardd: " + p));
      return 2;
    }
    if (SocketProbe.isServed(settings.socket())) {
      System.err.println(
          "vineyardd: another process is already serving "
              + settings.socket()
              + " (stop it, or pick another path with --socket)");
      return 1;
    }
    BundleSet set;
    try {
      set = settings.bundles().load();
      if (settings.metricsPort() > 0) {
        set = withMetrics(set, settings.bundles());
      }
    } catch (IllegalArgumentException e) {
      System.err.println("vineyardd: " + e.getMessage());
      return 2;
    }
    // not a static logger: Main's class initialisation comes before RuntimeLogging.install()
    System.getLogger(Main.class.getName())
        .log(
            System.Logger.Level.INFO,
            "bundle set {0} ({1}): {2} bundles",
            set.name(),
            set.file(),
            set.jars().size());
    createFolder(settings.pluginsDir(), "the plugins folder (--plugins-dir)");
    createFolder(settings.socket().getParent(), "the socket's folder (--socket)");
    Folders.createPrivate(settings.dataDir(), "the data folder (--data-dir)");
    Folders.checkOwned(settings.cluster().discoveryDir(), "the discovery folder (--discovery-dir)");
    Path storage = FelixRuntime.storageFolder(settings.dataDir());
    if (dataDir == null) {
      // the default data root holds one folder per socket: clear what killed runtimes left there
      FelixRuntime.sweepDefaultRoot(settings.dataDir().getParent());
    }
    FelixRuntime felix = FelixRuntime.init(settings.frameworkProperties(storage), storage);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping = true;
                  felix.stop();
                  RuntimeLogging.release();
                  System.err.println("vineyardd stopped");
                  System.err.flush();
                  int status = exitStatus;
                  Runtime.getRuntime().halt(status < 0 ? 0 : status); // a signal: a clean stop
                },
                "vineyardd-shutdown"));

    List<String> failures = felix.installAndStart(set.jars());
    if (stopping) {
      return 1; // stopped while starting: the failures say no more than that
    }
    if (!failures.isEmpty()) {
      failures.forEach(f -> System.err.println("vineyardd: " + f));
      return 1;
    }
    Duration timeout = readyTimeout(settings.cluster());
    List<String> failed = new CopyOnWriteArrayList<>();
    // asking SCR blocks while a component activates (a Raft join: seconds): not on this thread,
    // which keeps the time
    Thread watch =
        Thread.ofVirtual()
            .name("vineyardd-failed-components")
            .start(
                () ->
                    // until a component failed, or interrupted: ready, or given up
                    Deadline.never()
                        .poll(
                            Duration.ofMillis(20),
                            () -> failed.addAll(felix.failedComponents()) || !failed.isEmpty()));
    boolean served;
    try {
      served =
          SocketProbe.awaitServed(
              settings.socket(), timeout, () -> failed.isEmpty() && felix.isActive() && !stopping);
    } finally {
      watch.interrupt();
    }
    if (!served && !failed.isEmpty() && !stopping) {
      failed.forEach(f -> System.err.println("vineyardd: " + f));
      return 1;
    }
    if (!served) {
      if (!stopping) {
        System.err.println(
            "vineyardd: "
                + (felix.isActive()
                    ? "nothing serves " + settings.socket() + " after " + timeout.toSeconds() + " s"
                    : "the framework stopped before " + settings.socket() + " was served")
                + ": see the log above");
      }
      return 1;
    }
    // the JVM's own start time, in milliseconds (the process start time the OS reports is rounded
    // to its boot-time clock and read up to a second late)
    long ms =
        System.currentTimeMillis()
            - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    console.ready();
    stdout.println(
        "vineyardd ready: socket="
            + settings.socket()
            + " size="
            + Sizes.format(settings.size())
            + " set="
            + set.name()
            + " bundles="
            + felix.bundleCount()
            + " ("
            + ms
            + " ms)");
    stdout.flush();
    felix.awaitStop();
    return 0;
  }

  /**
   * How long to wait for the socket: {@link #READY_TIMEOUT}, or longer with a long {@code
   * --commit-timeout}, since a runtime joining a cluster may wait for a majority several commit
   * timeouts long before its metadata service is there.
   */
  static Duration readyTimeout(Cluster cluster) {
    Duration commits =
        cluster.commitTimeout() == null ? Duration.ZERO : cluster.commitTimeout().multipliedBy(4);
    return commits.compareTo(READY_TIMEOUT) > 0 ? commits : READY_TIMEOUT;
  }

  /**
   * Resolves the flags and their defaults.
   *
   * @param defaults this process's defaults
   * @return the settings
   * @throws IllegalArgumentException naming a flag whose value is wrong, alone or with another
   */
  Settings settings(Defaults defaults) {
    Path sock = absolute(socket != null ? socket : defaults.socket());
    if (metricsPort != null && (metricsPort < 1 || metricsPort > 65535)) {
      throw new IllegalArgumentException(
          "--metrics-port " + metricsPort + " is no TCP port (1 to 65535)");
    }
    if (!socketMode.matches("0?[0-7]{3}")) {
      throw new IllegalArgumentException(
          "--socket-mode '" + socketMode + "' is not an octal mode such as 600 or 660");
    }
    Path bundles = bundleDir != null ? bundleDir : besideLauncher("bundles");
    if (bundles == null) {
      throw new IllegalArgumentException(
          "--bundle-dir is required: the launcher jar has no bundles folder beside it");
    }
    bundles = absolute(bundles);
    BundleChoice choice =
        new BundleChoice(
            bundles,
            besideLauncher("bundle-sets"),
            bundleSet,
            shell ? bundles.resolveSibling("shell") : null);
    Cluster.Address address = bind != null ? bind : new Cluster.Address(Cluster.DEFAULT_BIND, 0);
    Cluster joining =
        new Cluster(
            cluster,
            address.host(),
            address.port(),
            peers == null ? List.of() : Cluster.parsePeers(peers),
            absolute(discoveryDir != null ? discoveryDir : defaults.discoveryDir()),
            commitTimeout,
            clusterKey == null ? null : absolute(clusterKey));
    return new Settings(
        sock,
        size,
        absolute(shmDir != null ? shmDir : defaults.shmDir(sock)),
        absolute(pluginsDir != null ? pluginsDir : defaults.pluginsDir()),
        absolute(dataDir != null ? dataDir : defaults.dataDir(sock)),
        joining,
        choice,
        !noKeep,
        Integer.parseInt(socketMode, 8),
        metricsPort == null ? 0 : metricsPort,
        spill(),
        rpcSettings(),
        reserveMemory);
  }

  /** The spill settings, null without {@code --spill-path}. */
  private Settings.Spill spill() {
    for (var rate :
        List.of(
            Map.entry("--spill-lower-rate", spillLowerRate),
            Map.entry("--spill-upper-rate", spillUpperRate))) {
      if (!(rate.getValue() >= 0 && rate.getValue() <= 1)) {
        throw new IllegalArgumentException(
            rate.getKey() + " " + rate.getValue() + " is not a share of --size between 0 and 1");
      }
    }
    if (spillLowerRate > spillUpperRate) {
      throw new IllegalArgumentException(
          "--spill-lower-rate "
              + spillLowerRate
              + " is above --spill-upper-rate "
              + spillUpperRate
              + ": spilling would never reach it");
    }
    return spillPath == null
        ? null
        : new Settings.Spill(absolute(spillPath), spillLowerRate, spillUpperRate);
  }

  /** The RPC endpoint's settings ({@code --rpc}, off by default). */
  private RpcSettings rpcSettings() {
    if (!rpc && (rpcPort != null || rpcBind != null)) {
      throw new IllegalArgumentException(
          (rpcPort != null ? "--rpc-socket-port" : "--rpc-bind")
              + " configures the RPC endpoint, which is off: add --rpc to serve it");
    }
    return new RpcSettings(
        rpc,
        rpcBind != null ? rpcBind : RpcSettings.DEFAULT_BIND,
        rpcPort != null ? rpcPort : RpcSettings.DEFAULT_PORT);
  }

  /**
   * The set plus the bundles of the distribution's {@code metrics} set (the Prometheus endpoint and
   * the Prometheus client's bundles), installed only with {@code --metrics-port} so that a runtime
   * without it starts none of them.
   */
  private static BundleSet withMetrics(BundleSet set, BundleChoice choice) {
    BundleSet metrics = BundleSet.load("metrics", choice.setsDir(), choice.bundleDir());
    List<Path> jars = new java.util.ArrayList<>(set.jars());
    metrics.jars().stream().filter(j -> !jars.contains(j)).forEach(jars::add);
    return new BundleSet(set.name(), set.file(), List.copyOf(jars));
  }

  private static void createFolder(Path folder, String what) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + what + " " + folder + ": " + e, e);
    }
  }

  private static Path absolute(Path path) {
    return path.toAbsolutePath().normalize();
  }

  /**
   * The folder {@code name} beside the launcher jar's folder ({@code dist/lib/x.jar} gives {@code
   * dist/name}).
   */
  private static Path besideLauncher(String name) {
    try {
      Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(jar) ? jar.getParent().resolveSibling(name) : null;
    } catch (Exception e) {
      return null;
    }
  }
}
