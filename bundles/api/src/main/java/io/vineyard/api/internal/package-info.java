/**
 * The API bundle's one service: the {@link io.vineyard.api.spi.PluginRegistry} inside an OSGi
 * framework, collecting the object-type plugins from the whiteboard, for the server and the
 * clients alike. Not exported.
 */
package io.vineyard.api.internal;
