package io.vineyard.runtime;

import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Logging of the runtime process: java.util.logging (behind {@link System.Logger}, which the
 * bundles use) to stderr, one line per record.
 *
 * <p>{@link #install()} must run before anything logs. It also installs {@link RuntimeLogManager},
 * which holds back the reset of JUL's shutdown hook until {@link #release()}. (This class must not
 * extend {@link LogManager} itself: initialising a subclass initialises LogManager, which reads
 * {@code java.util.logging.manager} before {@link #install()} could set it.)
 */
final class RuntimeLogging {
  static final String FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

  private static final Map<String, Level> ALIASES =
      Map.of(
          "ERROR", Level.SEVERE, "WARN", Level.WARNING, "DEBUG", Level.FINE, "TRACE", Level.FINEST);

  private static Logger runtimeExit; // held: JUL keeps loggers weakly, and would forget the level

  private RuntimeLogging() {}

  /**
   * Sets the one-line format and {@link RuntimeLogManager}, unless the command line chose others.
   * Call first thing in {@code main}.
   */
  static void install() {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format",
        System.getProperty("java.util.logging.SimpleFormatter.format", FORMAT));
    System.setProperty(
        "java.util.logging.manager",
        System.getProperty("java.util.logging.manager", RuntimeLogManager.class.getName()));
  }

  /**
   * Parses a level name: JUL's ({@code SEVERE}, {@code WARNING}, {@code INFO}, {@code FINE}, ...,
   * {@code OFF}, {@code ALL}) or the common {@code ERROR}, {@code WARN}, {@code DEBUG}, {@code
   * TRACE}; case-insensitive.
   *
   * @param name the level name
   * @return the JUL level
   * @throws IllegalArgumentException for an unknown name
   */
  static Level parseLevel(String name) {
    String upper = name.strip().toUpperCase(Locale.ROOT);
    Level alias = ALIASES.get(upper);
    return alias != null ? alias : Level.parse(upper);
  }

  /**
   * Sets the level of the root logger and of its handlers (the console handler drops records below
   * INFO by default).
   *
   * @param level the lowest level printed
   */
  static void setLevel(Level level) {
    Logger root = LogManager.getLogManager().getLogger("");
    root.setLevel(level);
    // at FINE the JDK logs every Runtime.exit with a stack trace: not news here
    runtimeExit = Logger.getLogger("java.lang.Runtime");
    runtimeExit.setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
    boolean traces = level.intValue() <= Level.FINE.intValue();
    for (Handler handler : root.getHandlers()) {
      handler.setLevel(level);
      handler.setFormatter(new WithoutTraces(handler.getFormatter(), traces));
    }
  }

  /**
   * Prints a record's exception as one clause, its innermost cause, instead of a stack trace
   * (traces are for {@code --log-level debug}), and names the class that logged a record whose
   * logger has no name (JGroups logs so).
   */
  static final class WithoutTraces extends java.util.logging.Formatter {
    private final java.util.logging.Formatter base;
    private final boolean traces;

    WithoutTraces(java.util.logging.Formatter base, boolean traces) {
      this.base = base == null ? new java.util.logging.SimpleFormatter() : base;
      this.traces = traces;
    }

    @Override
    public String format(java.util.logging.LogRecord r) {
      if (r.getLoggerName() == null && r.getSourceClassName() != null) {
        r.setLoggerName(r.getSourceClassName());
      }
      Throwable t = r.getThrown();
      if (t == null || traces) {
        return base.format(r);
      }
      Throwable root = t;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      java.util.logging.LogRecord copy =
          new java.util.logging.LogRecord(
              r.getLevel(),
              formatMessage(r)
                  + " ("
                  + (root.getMessage() == null ? root.getClass().getName() : root.getMessage())
                  + ")");
      copy.setLoggerName(r.getLoggerName());
      copy.setInstant(r.getInstant());
      copy.setSourceClassName(r.getSourceClassName());
      copy.setSourceMethodName(r.getSourceMethodName());
      return base.format(copy);
    }
  }

  /** Lets the held-back reset happen, now that the framework stopped and nothing is left to log. */
  static void release() {
    if (LogManager.getLogManager() instanceof RuntimeLogManager manager) {
      manager.release();
    }
  }
}
