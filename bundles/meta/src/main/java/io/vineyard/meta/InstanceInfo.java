package io.vineyard.meta;

/**
 * One instance of a cluster, as {@code cluster_meta} reports it.
 *
 * @param id the instance ID
 * @param socket its IPC socket path
 * @param host its host name
 * @param status {@code running} or {@code unreachable}
 * @param startedAt when it joined (epoch milliseconds)
 * @param rpcEndpoint its RPC endpoint ({@code host:port}), where other instances fetch its
 *     payloads; {@code 0.0.0.0:0} when it serves none
 */
public record InstanceInfo(
    long id, String socket, String host, String status, long startedAt, String rpcEndpoint) {

  /** What an instance without an RPC endpoint announces. */
  public static final String NO_RPC_ENDPOINT = "0.0.0.0:0";

  /** An instance that serves no RPC endpoint. */
  public InstanceInfo(long id, String socket, String host, String status, long startedAt) {
    this(id, socket, host, status, startedAt, NO_RPC_ENDPOINT);
  }

  /** Whether it serves an RPC endpoint. */
  public boolean hasRpcEndpoint() {
    return rpcEndpoint != null && !rpcEndpoint.isEmpty() && !rpcEndpoint.equals(NO_RPC_ENDPOINT);
  }
}
