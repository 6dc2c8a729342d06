package io.vineyard.runtime;

import java.util.logging.LogManager;

/**
 * The JUL {@link LogManager} of the runtime process (set by {@link RuntimeLogging#install()}).
 *
 * <p>The stock log manager resets, and so silences, every logger from its own shutdown hook, while
 * the runtime's hook is still stopping the framework: whatever bundles log as they deactivate would
 * be lost. This one ignores that reset until {@link #release()}, which the runtime's hook calls
 * once the framework stopped.
 */
public final class RuntimeLogManager extends LogManager {
  private volatile boolean holding = true;

  /**
   * Creates the log manager; {@link LogManager} does, named by {@code java.util.logging.manager}.
   */
  public RuntimeLogManager() {}

  /** Resets now, and lets later resets happen whenever asked. */
  void release() {
    holding = false;
    reset();
  }

  @Override
  public void reset() {
    // LogManager resets itself while initialising too: hold back only its shutdown hook's reset
    if (!holding
        || !Thread.currentThread()
            .getClass()
            .getName()
            .startsWith(LogManager.class.getName() + "$")) {
      super.reset();
    }
  }
}
