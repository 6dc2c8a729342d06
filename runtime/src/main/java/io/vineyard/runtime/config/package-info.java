/**
 * The part of this jar that runs inside the framework, private to the runtime bundle: the
 * configuration bridge (the launcher's {@code vineyard.config.<pid>.<key>} framework properties
 * become Config Admin configurations) and the report of components that failed to activate, which
 * the launcher reads while it waits for the socket.
 *
 * <p>Must not: load anything of the launcher: inside the framework only this package runs.
 */
package io.vineyard.runtime.config;
