package io.vineyard.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * One Felix framework: created from the class path's {@link FrameworkFactory}, filled with the jars
 * of the bundle folders, started, and stopped with its storage folder deleted.
 */
final class FelixRuntime {
  /** The bridge's activator: named, never loaded here (Config Admin is not on the class path). */
  static final String CONFIG_BRIDGE = "io.vineyard.runtime.config.ConfigBridge";

  private static final System.Logger LOG = System.getLogger(FelixRuntime.class.getName());

  /**
   * The service the runtime bundle reports failed components through (see config.FailedComponents).
   */
  static final String FAILED_COMPONENTS = "(vineyard.runtime.report=failed-components)";

  private final Framework framework;
  private final Path storage;
  private final List<Bundle> installed = new ArrayList<>();

  private FelixRuntime(Framework framework, Path storage) {
    this.framework = framework;
    this.storage = storage;
  }

  /**
   * Creates and initialises a framework.
   *
   * @param properties the framework properties
   * @param storage the storage folder named in them, deleted by {@link #stop()}
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static FelixRuntime init(Map<String, String> properties, Path storage) throws BundleException {
    FrameworkFactory factory =
        ServiceLoader.load(FrameworkFactory.class)
            .findFirst()
            .orElseThrow(
                () -> new IllegalStateException("no OSGi framework on the class path (dist/lib)"));
    Map<String, Object> all = new HashMap<>(properties);
    all.put("felix.log.logger", new FelixLog());
    Framework framework = factory.newFramework((Map) all);
    framework.init();
    return new FelixRuntime(framework, storage);
  }

  /**
   * Installs the jars, starts the framework, resolves, and starts every bundle that is not a
   * fragment: Config Admin first, then the configuration bridge, then the rest in the jars' order,
   * so that configurations exist before any component activates.
   *
   * @param jars the bundles, in order (a bundle set's)
   * @return one line per bundle that failed to install, resolve or start, saying why; empty if all
   *     started
   */
  List<String> installAndStart(List<Path> jars) throws BundleException {
    List<String> failures = new ArrayList<>();
    for (Path jar : jars) {
      try {
        installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
      } catch (BundleException e) {
        failures.add(jar + " did not install: " + why(e));
      }
    }
    if (!failures.isEmpty()) {
      return failures;
    }
    framework.start();
    framework.adapt(FrameworkWiring.class).resolveBundles(null);
    List<Bundle> bundles = new ArrayList<>(List.of(framework.getBundleContext().getBundles()));
    bundles.removeIf(b -> b.getBundleId() == 0 || isFragment(b));
    bundles.sort(Comparator.comparingInt(FelixRuntime::startRank));
    for (Bundle bundle : bundles) {
      try {
        bundle.start();
      } catch (BundleException | RuntimeException e) {
        failures.add(
            bundle.getSymbolicName()
                + " "
                + bundle.getVersion()
                + " ("
                + bundle.getLocation()
                + ") did not start: "
                + why(e));
      }
    }
    for (Bundle bundle : framework.getBundleContext().getBundles()) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "bundle {0} {1} {2}: {3}",
          bundle.getBundleId(),
          bundle.getSymbolicName(),
          bundle.getVersion(),
          stateName(bundle.getState()));
    }
    return failures;
  }

  /**
   * Lists the components of the bundles installed at start that failed to activate (an exception
   * from their activate method, say), as the runtime bundle reports them.
   *
   * @return one line per failed component, {@code "<bundle>: <component>: <reason>"}, causes first;
   *     empty when none failed, or nothing reports (no runtime bundle or no Declarative Services)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  List<String> failedComponents() {
    BundleContext context = framework.getBundleContext();
    List<String> failures = new ArrayList<>();
    try {
      Collection<ServiceReference<Function>> refs =
          context == null
              ? List.of()
              : context.getServiceReferences(Function.class, FAILED_COMPONENTS);
      for (ServiceReference<Function> ref : refs) {
        Function<Collection<Long>, List<String>> report = context.getService(ref);
        if (report == null) {
          continue;
        }
        try {
          failures.addAll(report.apply(installed.stream().map(Bundle::getBundleId).toList()));
        } finally {
          context.ungetService(ref);
        }
      }
    } catch (InvalidSyntaxException | IllegalStateException e) {
      // the filter is a constant; IllegalStateException: the framework is stopping
    }
    return failures;
  }

  /** Tells whether the framework is still running. */
  boolean isActive() {
    return framework.getState() == Bundle.ACTIVE;
  }

  /** Counts the installed bundles, the system bundle aside. */
  int bundleCount() {
    return framework.getBundleContext().getBundles().length - 1;
  }

  /**
   * Blocks until the framework stops (by {@link #stop()}, or from inside, e.g. the shell's exit).
   */
  void awaitStop() throws InterruptedException {
    framework.waitForStop(0);
  }

  /**
   * This process's framework storage: {@code <data dir>/felix/<pid>}. Folders of processes that are
   * gone (killed before they could delete theirs) are removed first, so crashes leave nothing
   * behind for long; a folder per pid keeps a runtime refused on a busy data dir from touching the
   * cache of the one that runs there.
   */
  static Path storageFolder(Path dataDir) throws java.io.IOException {
    Path root = dataDir.resolve("felix");
    java.nio.file.Files.createDirectories(root);
    removeDead(root);
    return java.nio.file.Files.createDirectories(
        root.resolve(Long.toString(ProcessHandle.current().pid())));
  }

  /**
   * Removes the framework storage that killed runtimes left in the other data folders of the
   * default data root (one folder per socket, {@code ~/.local/share/vineyard/<hash>}): a runtime
   * killed on a socket never used again would otherwise leave its ~30 MB there for good. Only
   * folders that are a runtime's data folder (they hold {@code instance.id}) are looked into, and
   * only {@code felix/<pid>} folders of processes that are gone are removed.
   */
  static void sweepDefaultRoot(Path dataRoot) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(dataRoot)) {
      return;
    }
    try (java.util.stream.Stream<Path> folders = java.nio.file.Files.list(dataRoot)) {
      for (Path data : folders.toList()) {
        Path root = data.resolve("felix");
        if (java.nio.file.Files.isRegularFile(data.resolve("instance.id"))
            && java.nio.file.Files.isDirectory(root)) {
          removeDead(root);
        }
      }
    }
  }

  private static void removeDead(Path root) throws java.io.IOException {
    try (java.util.stream.Stream<Path> old = java.nio.file.Files.list(root)) {
      for (Path p : old.toList()) {
        String name = p.getFileName().toString();
        if (name.matches("\\d+") && ProcessHandle.of(Long.parseLong(name)).isEmpty()) {
          deleteTree(p);
        }
      }
    }
  }

  /** Stops the framework (waiting up to 15 s) and deletes its storage folder; idempotent. */
  synchronized void stop() {
    long start = System.nanoTime();
    try {
      framework.stop();
      if (framework.waitForStop(15_000).getType() == FrameworkEvent.WAIT_TIMEDOUT) {
        LOG.log(System.Logger.Level.WARNING, "the framework did not stop within 15 s");
      } else {
        LOG.log(
            System.Logger.Level.DEBUG,
            "framework stopped in {0} ms",
            (System.nanoTime() - start) / 1_000_000);
      }
    } catch (BundleException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "stopping the framework failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(storage);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not delete " + root, e);
    }
  }

  private static int startRank(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    boolean configAdmin =
        revision != null
            && revision.getCapabilities("osgi.implementation").stream()
                .anyMatch(c -> "osgi.cm".equals(c.getAttributes().get("osgi.implementation")));
    return configAdmin
        ? 0
        : CONFIG_BRIDGE.equals(bundle.getHeaders().get("Bundle-Activator")) ? 1 : 2;
  }

  private static String stateName(int state) {
    return switch (state) {
      case Bundle.ACTIVE -> "ACTIVE";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      default -> "UNINSTALLED";
    };
  }

  private static boolean isFragment(Bundle bundle) {
    BundleRevision revision = bundle.adapt(BundleRevision.class);
    return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
  }

  private static String why(Throwable e) {
    StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      why.append(" <- ").append(cause);
    }
    return why.toString();
  }
}
