package io.vineyard.meta.raft;

import io.vineyard.meta.InstanceInfo;

/**
 * An instance as the replicated registry knows it.
 *
 * @param id the instance ID handed out by the cluster's counter
 * @param raftId the Raft member name of its runtime (stable across restarts on the same data dir)
 * @param socket its IPC socket path
 * @param host its host name
 * @param startedAt when it last registered (epoch milliseconds)
 * @param rpcEndpoint its RPC endpoint, {@link InstanceInfo#NO_RPC_ENDPOINT} when it serves none
 */
record InstanceRecord(
    long id, String raftId, String socket, String host, long startedAt, String rpcEndpoint) {

  /** A record without an RPC endpoint. */
  InstanceRecord(long id, String raftId, String socket, String host, long startedAt) {
    this(id, raftId, socket, host, startedAt, InstanceInfo.NO_RPC_ENDPOINT);
  }

  /** The public view, with the status the caller observed. */
  InstanceInfo info(boolean reachable) {
    return new InstanceInfo(
        id, socket, host, reachable ? "running" : "unreachable", startedAt, rpcEndpoint);
  }
}
