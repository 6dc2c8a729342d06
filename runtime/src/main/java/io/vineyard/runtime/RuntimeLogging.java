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
 * <p>{@link #install()} must run before anything logs. It also installs this class as the JUL
 * {@link LogManager}: the stock one resets (silences) every logger from its own shutdown hook,
 * concurrently with the hook that stops the framework, so what bundles log while deactivating
 * would be lost. Here the reset waits until {@link #release()}, called once the framework stopped.
 */
public final class RuntimeLogging extends LogManager {
    static final String FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

    private static final Map<String, Level> ALIASES = Map.of(
            "ERROR", Level.SEVERE, "WARN", Level.WARNING, "DEBUG", Level.FINE, "TRACE", Level.FINEST);

    private static volatile boolean holding = true;
    private static Logger runtimeExit; // held: JUL keeps loggers weakly, and would forget the level

    /** Creates the log manager; called by {@link LogManager} through {@code java.util.logging.manager}. */
    public RuntimeLogging() {}

    /**
     * Sets the one-line format and this log manager, unless the command line chose others.
     * Call first thing in {@code main}.
     */
    static void install() {
        System.setProperty("java.util.logging.SimpleFormatter.format",
                System.getProperty("java.util.logging.SimpleFormatter.format", FORMAT));
        System.setProperty("java.util.logging.manager",
                System.getProperty("java.util.logging.manager", RuntimeLogging.class.getName()));
    }

    /**
     * Parses a level name: JUL's ({@code SEVERE}, {@code WARNING}, {@code INFO}, {@code FINE},
     * ..., {@code OFF}, {@code ALL}) or the common {@code ERROR}, {@code WARN}, {@code DEBUG},
     * {@code TRACE}; case-insensitive.
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
     * Sets the level of the root logger and of its handlers (the console handler drops records
     * below INFO by default).
     *
     * @param level the lowest level printed
     */
    static void setLevel(Level level) {
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(level);
        // at FINE the JDK logs every Runtime.exit with a stack trace: not news here
        runtimeExit = Logger.getLogger("java.lang.Runtime");
        runtimeExit.setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    /** Lets the deferred reset happen, now that nothing is left to log. */
    static void release() {
        holding = false;
        if (LogManager.getLogManager() instanceof RuntimeLogging manager) {
            manager.reset();
        }
    }

    @Override
    public void reset() {
        // LogManager's own initialisation resets too: only the shutdown hook's reset is held
        if (!holding || !isShutdownHook()) {
            super.reset();
        }
    }

    private static boolean isShutdownHook() {
        return Thread.currentThread().getClass().getName().startsWith(LogManager.class.getName() + "$");
    }
}
