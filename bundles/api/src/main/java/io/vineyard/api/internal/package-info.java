/**
 * The API bundle's one service: the {@link io.vineyard.api.spi.PluginRegistry} inside an OSGi
 * framework, collecting the object-type plugins from the whiteboard, for the server and the clients
 * alike. Not exported.
 *
 * <p>Must not: hold plugins itself (it only tracks the services) or be exported.
 */
package io.vineyard.api.internal;
