/**
 * The {@code vineyardd} launcher: reads the flags, starts a Felix framework with the bundles of a
 * bundle set ({@link io.vineyard.runtime.BundleSet}), hands the flags to them as Config Admin
 * configuration, prints the ready line once the IPC socket is served, and stops cleanly. Runs on
 * the class path (launcher + Felix + picocli only); nothing here is exported to bundles.
 *
 * <p>Must not: depend on the bundles: its class path is itself (with the settings parsers embedded)
 * and Felix.
 */
package io.vineyard.runtime;
