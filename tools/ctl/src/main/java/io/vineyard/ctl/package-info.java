/**
 * {@code vineyardctl}: one subcommand per thing a user looks at or changes in a running instance,
 * each a few calls of the Java client over the instance's socket. Owns formatting (tables, JSON)
 * and nothing of the protocol: whatever it shows, the client API gives.
 */
package io.vineyard.ctl;
