/**
 * The stream plugins and their view. Private: the plugins are reached as {@code ObjectTypePlugin}
 * services or ServiceLoader providers.
 *
 * <p>Must not: be exported.
 */
package io.vineyard.plugin.stream.internal;
