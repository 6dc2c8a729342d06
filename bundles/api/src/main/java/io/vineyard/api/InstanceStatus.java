package io.vineyard.api;

/**
 * The status of one instance, as {@code instance_status_request} reports it.
 *
 * @param instanceId the instance's ID
 * @param deployment how the instance runs ({@code local})
 * @param memoryUsage bytes allocated in the bulk store
 * @param memoryLimit the bulk store's cap ({@code --size})
 * @param deferredRequests requests waiting (e.g. for a name to appear)
 * @param ipcConnections open IPC connections
 * @param rpcConnections open RPC connections (0: no RPC endpoint yet)
 * @param objects objects whose metadata the instance holds (transient and global)
 * @param metadata the metadata service's own figures (e.g. {@code raft_role}, {@code
 *     raft_commit_index}), as the instance reports them
 */
public record InstanceStatus(
    long instanceId,
    String deployment,
    long memoryUsage,
    long memoryLimit,
    long deferredRequests,
    long ipcConnections,
    long rpcConnections,
    long objects,
    java.util.Map<String, Object> metadata) {}
