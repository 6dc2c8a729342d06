package io.vineyard.runtime;

import java.lang.System.Logger.Level;
import org.apache.felix.framework.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * Sends the framework's own messages to {@link System.Logger} (so stderr, one line each) instead of
 * Felix's default, stdout, which belongs to the ready line. Set as {@code felix.log.logger}.
 */
final class FelixLog extends Logger {
  private static final System.Logger LOG = System.getLogger("org.apache.felix.framework");

  @Override
  @SuppressWarnings("rawtypes")
  protected void doLog(
      Bundle bundle, ServiceReference ref, int level, String msg, Throwable error) {
    Level target =
        switch (level) {
          case LOG_ERROR -> Level.ERROR;
          case LOG_WARNING -> Level.WARNING;
          case LOG_INFO -> Level.INFO;
          default -> Level.DEBUG;
        };
    String where = bundle == null ? "" : "[" + bundle.getSymbolicName() + "] ";
    LOG.log(target, where + msg, error);
  }
}
