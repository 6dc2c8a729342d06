package io.vineyard.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Tells the launcher which components failed to activate, and why: a component that throws from its
 * activate method (a data folder in use, say) leaves no other trace than a log line, and the
 * launcher would wait for the socket in vain.
 *
 * <p>Registered as a {@code java.util.function.Function<Collection<Long>, List<String>>} (a type
 * the launcher, outside the framework, shares with the bundles) with the property {@value
 * #PROPERTY}={@value #VALUE}: given bundle IDs, it returns one line per component configuration of
 * those bundles in state {@code FAILED_ACTIVATION}: first the causes, {@code "<bundle>:
 * <component>: <innermost exception>"}, then the components that failed only because a service they
 * are bound to failed ({@code "... : not started: it needs <component>, which failed"}). Empty when
 * none failed or there is no Declarative Services runtime.
 */
final class FailedComponents implements Function<Collection<Long>, List<String>> {
  /** The service property the launcher looks this service up by. */
  static final String PROPERTY = "vineyard.runtime.report";

  /** Its value. */
  static final String VALUE = "failed-components";

  private final BundleContext context;
  private final ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> scr;

  private FailedComponents(BundleContext context) {
    this.context = context;
    this.scr = new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
  }

  /**
   * Tracks the DS runtime and registers the report.
   *
   * @param context the runtime bundle's context
   * @return the registration, to unregister on stop (the tracker closes with the bundle)
   */
  static ServiceRegistration<?> register(BundleContext context) {
    FailedComponents report = new FailedComponents(context);
    report.scr.open();
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put(PROPERTY, VALUE);
    return context.registerService(Function.class, report, properties);
  }

  private record Failure(String bundle, String component, String reason, Set<String> boundTo) {}

  @Override
  public List<String> apply(Collection<Long> bundleIds) {
    ServiceComponentRuntime runtime = scr.getService();
    List<Failure> failed = new ArrayList<>();
    for (Long id : bundleIds) {
      Bundle bundle = context.getBundle(id);
      if (runtime == null || bundle == null) {
        continue;
      }
      for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
        for (ComponentConfigurationDTO configuration :
            runtime.getComponentConfigurationDTOs(description)) {
          if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
            failed.add(
                new Failure(
                    bundle.getSymbolicName(),
                    description.name,
                    innermost(configuration.failure),
                    boundComponents(configuration)));
          }
        }
      }
    }
    Set<String> names = new HashSet<>();
    failed.forEach(f -> names.add(f.component()));
    List<String> causes = new ArrayList<>();
    List<String> consequences = new ArrayList<>();
    for (Failure f : failed) {
      Set<String> failedDependencies = new TreeSet<>(f.boundTo());
      failedDependencies.retainAll(names);
      if (failedDependencies.isEmpty()) {
        causes.add(f.bundle() + ": " + f.component() + ": " + f.reason());
      } else {
        consequences.add(
            f.bundle()
                + ": "
                + f.component()
                + ": not started: it needs "
                + String.join(", ", failedDependencies)
                + ", which failed");
      }
    }
    causes.addAll(consequences);
    return causes;
  }

  /** The components whose services this configuration is bound to. */
  private static Set<String> boundComponents(ComponentConfigurationDTO configuration) {
    Set<String> names = new HashSet<>();
    if (configuration.satisfiedReferences != null) {
      for (SatisfiedReferenceDTO reference : configuration.satisfiedReferences) {
        for (ServiceReferenceDTO service : reference.boundServices) {
          Object name = service.properties.get("component.name");
          if (name != null) {
            names.add(name.toString());
          }
        }
      }
    }
    return names;
  }

  /**
   * The innermost exception of a printed stack trace, without its class name when it has a message.
   */
  static String innermost(String stackTrace) {
    if (stackTrace == null || stackTrace.isBlank()) {
      return "(no reason given)";
    }
    String cause = stackTrace.lines().findFirst().orElse("").strip();
    for (String line : stackTrace.lines().toList()) {
      if (line.startsWith("Caused by: ")) {
        cause = line.substring("Caused by: ".length()).strip();
      }
    }
    int colon = cause.indexOf(": ");
    boolean className =
        colon > 0 && cause.substring(0, colon).matches("[\\w.$]+\\.\\w*(Exception|Error)");
    return className ? cause.substring(colon + 2) : cause;
  }
}
