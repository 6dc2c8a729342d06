package io.vineyard.runtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.dto.FrameworkDTO;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Turns the launcher's {@code vineyard.config.*} framework properties into Config Admin
 * configurations (see {@link ConfigProperties} for the format).
 *
 * <p>A {@code BundleActivator} rather than a DS component because the launcher starts this bundle
 * right after Config Admin and before everything else, SCR included: the configurations then exist
 * before any component is activated, so no component runs first with its defaults (binding the
 * default socket, say) and is then reconfigured. Each PID's configuration is created or updated
 * with location {@code "?"} (any bundle may use it); keys already there and not set by the launcher
 * are kept, and an unchanged configuration is not updated again.
 *
 * <p>It also registers {@link FailedComponents}, through which the launcher learns, while it waits
 * for the socket, that a component failed to activate.
 */
public final class ConfigBridge implements BundleActivator {
  private static final System.Logger LOG = System.getLogger(ConfigBridge.class.getName());

  private ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker;
  private ServiceRegistration<?> failedComponents;

  @Override
  public void start(BundleContext context) {
    FrameworkDTO framework =
        context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkDTO.class);
    Map<String, Map<String, String>> configs =
        ConfigProperties.decode(
            framework == null || framework.properties == null ? Map.of() : framework.properties);
    tracker =
        new ServiceTracker<>(context, ConfigurationAdmin.class, null) {
          @Override
          public ConfigurationAdmin addingService(ServiceReference<ConfigurationAdmin> reference) {
            ConfigurationAdmin admin = super.addingService(reference);
            if (admin != null) {
              apply(admin, configs);
            }
            return admin;
          }
        };
    // open() calls addingService at once when Config Admin is already registered
    tracker.open();
    if (tracker.isEmpty() && !configs.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "no ConfigurationAdmin yet: configurations {0} wait for it",
          configs.keySet());
    }
    try {
      failedComponents = FailedComponents.register(context);
    } catch (NoClassDefFoundError e) {
      LOG.log(
          Level.DEBUG,
          "no Declarative Services API in this bundle set: failed components go unreported");
    }
  }

  @Override
  public void stop(BundleContext context) {
    tracker.close();
    if (failedComponents != null) {
      failedComponents.unregister();
    }
  }

  private static void apply(ConfigurationAdmin admin, Map<String, Map<String, String>> configs) {
    configs.forEach(
        (pid, values) -> {
          try {
            Configuration configuration = admin.getConfiguration(pid, "?");
            Dictionary<String, Object> current = configuration.getProperties();
            Hashtable<String, Object> merged = new Hashtable<>();
            if (current != null) {
              Collections.list(current.keys()).forEach(k -> merged.put(k, current.get(k)));
            }
            Map<String, Object> before = Map.copyOf(merged);
            merged.putAll(values);
            if (current == null || !merged.equals(before)) {
              configuration.update(merged);
              LOG.log(Level.DEBUG, "configuration {0} set to {1}", pid, values);
            }
          } catch (IOException e) {
            throw new UncheckedIOException("cannot write configuration " + pid, e);
          }
        });
  }
}
