package io.vineyard.meta;

/**
 * One instance of a cluster, as {@code cluster_meta} reports it.
 *
 * @param id the instance ID
 * @param socket its IPC socket path
 * @param host its host name
 * @param status {@code running} or {@code unreachable}
 * @param startedAt when it joined (epoch milliseconds)
 */
public record InstanceInfo(long id, String socket, String host, String status, long startedAt) {}
