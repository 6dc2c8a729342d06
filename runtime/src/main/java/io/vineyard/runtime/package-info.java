/**
 * The {@code vineyardd} launcher: reads the flags, starts a Felix framework with the bundles of a
 * bundle set ({@link io.vineyard.runtime.BundleSet}), hands the flags to them as Config Admin
 * configuration, prints the ready line once the IPC socket is served, and stops cleanly. Runs on
 * the class path (launcher + Felix + picocli only); nothing here is exported to bundles.
 */
package io.vineyard.runtime;
