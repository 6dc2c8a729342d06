package io.vineyard.api;

/**
 * One instance of the cluster, as {@code cluster_meta} reports it.
 *
 * @param instanceId the instance's ID
 * @param ipcSocket its IPC socket path (on its host)
 * @param hostname its host
 * @param rpcEndpoint its RPC endpoint ({@code 0.0.0.0:0}: none)
 * @param status {@code running}, or {@code unreachable} when the cluster cannot reach it
 * @param timestamp when it joined (epoch milliseconds)
 */
public record ClusterInstance(
    long instanceId,
    String ipcSocket,
    String hostname,
    String rpcEndpoint,
    String status,
    long timestamp) {}
