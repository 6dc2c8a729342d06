package io.vineyard.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vineyardd}: starts one Vineyard instance, a Felix framework whose bundles serve the IPC
 * socket, and stops it cleanly on Ctrl-C or SIGTERM.
 *
 * <p>Stdout carries one line, {@code vineyardd ready: socket=... size=... bundles=N (T ms)}, once
 * the socket accepts connections; everything else goes to stderr. Exit status 1 when the socket
 * is already served, a bundle does not start, or the socket does not come up within 60 s.
 */
@Command(name = "vineyardd", mixinStandardHelpOptions = true, versionProvider = Flags.Version.class,
        sortOptions = false, usageHelpWidth = 110,
        description = "Runs a Vineyard instance: a shared-memory object store speaking vineyardd's IPC protocol.")
public final class Main implements Callable<Integer> {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private volatile boolean stopping;

    @Option(names = "--socket", paramLabel = "PATH", description = "IPC socket (default: $VINEYARD_IPC_SOCKET, "
            + "else /var/run/vineyard.sock for root, else ~/.local/vineyard/vineyard.sock)")
    Path socket;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = Defaults.SIZE, converter = Flags.SizeConverter.class,
            description = "shared memory of the bulk store, e.g. 512M, 2G, 1.5GiB; binary units (default: ${DEFAULT-VALUE})")
    long size;

    @Option(names = "--shm-dir", paramLabel = "DIR",
            description = "folder of the shared-memory arenas (default: /dev/shm/vineyard-<user>-<hash of the socket path>)")
    Path shmDir;

    @Option(names = "--plugins-dir", paramLabel = "DIR", description = "folder watched for plugin jars, created if "
            + "missing (default: ~/.local/vineyard/plugins; /var/lib/vineyard/plugins for root)")
    Path pluginsDir;

    @Option(names = "--bundle-dir", paramLabel = "DIR",
            description = "folder of the runtime's bundles (default: ../bundles beside the launcher jar)")
    Path bundleDir;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "INFO", converter = Flags.LevelConverter.class,
            description = "lowest level logged to stderr: ERROR, WARN, INFO, DEBUG, TRACE (or JUL's names; default: ${DEFAULT-VALUE})")
    Level logLevel;

    @Option(names = "--shell", description = "also start the interactive Gogo shell on stdin/stdout")
    boolean shell;

    /**
     * Runs vineyardd and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        RuntimeLogging.install();
        // overwritten options allowed: the last one wins, so a --bundle-dir after the script's counts
        System.exit(new CommandLine(new Main())
                .setOverwrittenOptionsAllowed(true)
                .setParameterExceptionHandler((e, a) -> {
                    e.getCommandLine().getErr().println("vineyardd: " + e.getMessage() + " (see --help)");
                    return 2;
                })
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    System.getLogger(Main.class.getName()).log(System.Logger.Level.DEBUG, "vineyardd failed", e);
                    cl.getErr().println("vineyardd: " + (e instanceof IllegalStateException ? e.getMessage() : "cannot run: " + e));
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RuntimeLogging.setLevel(logLevel);
        Settings settings;
        try {
            settings = settings(Defaults.ofThisProcess());
            SocketProbe.checkLength(settings.socket());
        } catch (IllegalArgumentException e) {
            System.err.println("vineyardd: " + e.getMessage());
            return 2;
        }
        if (SocketProbe.isServed(settings.socket())) {
            System.err.println("vineyardd: another process is already serving " + settings.socket()
                    + " (stop it, or pick another path with --socket)");
            return 1;
        }
        createFolder(settings.pluginsDir(), "the plugins folder (--plugins-dir)");
        createFolder(settings.socket().getParent(), "the socket's folder (--socket)");
        Path storage = Files.createTempDirectory("vineyardd-felix-");
        FelixRuntime felix = FelixRuntime.init(settings.frameworkProperties(storage), storage);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            felix.stop();
            RuntimeLogging.release();
            System.err.println("vineyardd stopped");
        }, "vineyardd-shutdown"));

        List<String> failures = felix.installAndStart(settings.bundleDirs());
        if (stopping) {
            return 1; // stopped while starting: the failures say no more than that
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("vineyardd: " + f));
            return 1;
        }
        if (!SocketProbe.awaitServed(settings.socket(), READY_TIMEOUT, () -> felix.isActive() && !stopping)) {
            if (!stopping) {
                System.err.println("vineyardd: " + (felix.isActive()
                        ? "nothing serves " + settings.socket() + " after " + READY_TIMEOUT.toSeconds() + " s"
                        : "the framework stopped before " + settings.socket() + " was served") + ": see the log above");
            }
            return 1;
        }
        long ms = Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()),
                Instant.now()).toMillis();
        System.out.println("vineyardd ready: socket=" + settings.socket() + " size=" + Sizes.format(settings.size())
                + " bundles=" + felix.bundleCount() + " (" + ms + " ms)");
        System.out.flush();
        felix.awaitStop();
        return 0;
    }

    /** Resolves the flags and their defaults. */
    Settings settings(Defaults defaults) {
        Path sock = (socket != null ? socket : defaults.socket()).toAbsolutePath().normalize();
        Path bundles = bundleDir != null ? bundleDir : besideLauncher("bundles");
        if (bundles == null) {
            throw new IllegalArgumentException("--bundle-dir is required: the launcher jar has no bundles folder beside it");
        }
        List<Path> dirs = new ArrayList<>(List.of(bundles.toAbsolutePath().normalize()));
        if (shell) {
            dirs.add(dirs.getFirst().resolveSibling("shell"));
        }
        return new Settings(sock, size, absolute(shmDir != null ? shmDir : defaults.shmDir(sock)),
                absolute(pluginsDir != null ? pluginsDir : defaults.pluginsDir()), List.copyOf(dirs));
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

    /** The folder {@code name} beside the launcher jar's folder ({@code dist/lib/x.jar} gives {@code dist/name}). */
    private static Path besideLauncher(String name) {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? jar.getParent().resolveSibling(name) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
