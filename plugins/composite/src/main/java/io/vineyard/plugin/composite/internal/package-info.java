/**
 * The {@code vineyard::Pair} and {@code vineyard::Sequence} plugins and their views. Private: the
 * plugins are reached as {@code ObjectTypePlugin} services or ServiceLoader providers.
 *
 * <p>Must not: be exported, or fetch members' payloads from other instances.
 */
package io.vineyard.plugin.composite.internal;
