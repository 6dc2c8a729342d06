/**
 * The runtime's Prometheus endpoint: reads the instance's MBeans (domain {@code io.vineyard}, as
 * the IPC server registers them) on each scrape and serves them as Prometheus text on a loopback
 * port. Owns the metric names; depends on no Vineyard bundle, only on the platform MBean server.
 */
package io.vineyard.metrics.internal;
