package io.vineyard.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;

/** The messages of register, exit, instance_status and cluster_meta: who an instance is. */
public final class InstanceMessages {
  private InstanceMessages() {}

  /**
   * {@code register_request}.
   *
   * @param version the client's vineyard version
   * @param storeType 1 (vineyardd's kDefault) or the text {@code "Normal"} of older clients; null
   *     when absent
   * @param sessionId the session to join (0: the default)
   * @param username unused here
   * @param password unused here
   */
  public record RegisterRequest(
      String version, Object storeType, long sessionId, String username, String password)
      implements Request<RegisterReply> {

    /** Whether the client asks for the store this server has (the default one). */
    public boolean storeMatches() {
      return storeType == null
          || (storeType instanceof Number n && n.intValue() == 1)
          || (storeType instanceof String s && s.equalsIgnoreCase("normal"));
    }
  }

  /**
   * {@code register_reply}.
   *
   * @param ipcSocket the server's socket path
   * @param rpcEndpoint its RPC endpoint ({@code 0.0.0.0:0}: none)
   * @param instanceId the instance's ID (unsigned)
   * @param sessionId the session joined
   * @param version the server's vineyard version
   * @param storeMatch whether the requested store type is served (absent: true)
   * @param supportRpcCompression always false here
   */
  public record RegisterReply(
      String ipcSocket,
      String rpcEndpoint,
      @JsonSerialize(using = IdJson.UnsignedWriter.class)
          @JsonDeserialize(using = IdJson.UnsignedReader.class)
          long instanceId,
      long sessionId,
      String version,
      Boolean storeMatch,
      boolean supportRpcCompression)
      implements Reply {}

  /** {@code exit_request}: the client leaves; no reply. */
  public record ExitRequest() implements Request<Reply> {}

  /** {@code instance_status_request}. */
  public record InstanceStatusRequest() implements Request<InstanceStatusReply> {}

  /**
   * {@code instance_status_reply}.
   *
   * @param meta vineyardd's seven figures ({@code instance_id}, {@code deployment}, {@code
   *     memory_usage}, {@code memory_limit}, {@code deferred_requests}, {@code ipc_connections},
   *     {@code rpc_connections}) and whatever else the instance reports, as plain JSON values
   */
  public record InstanceStatusReply(Map<String, Object> meta) implements Reply {}

  /** {@code cluster_meta} (the request and the reply share the name, as in vineyardd). */
  public record ClusterMetaRequest() implements Request<ClusterMetaReply> {}

  /**
   * The {@code cluster_meta} reply.
   *
   * @param meta each instance by {@code i<id>}
   */
  public record ClusterMetaReply(Map<String, Member> meta) implements Reply {}

  /**
   * One instance of {@code cluster_meta}.
   *
   * @param hostid a number for the host
   * @param hostname the host's name
   * @param nodename the host's name again, as vineyardd reports it
   * @param rpcEndpoint the RPC endpoint
   * @param ipcSocket the instance's socket path
   * @param timestamp when it started (epoch milliseconds)
   * @param status {@code running} or {@code unreachable}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Member(
      long hostid,
      String hostname,
      String nodename,
      String rpcEndpoint,
      String ipcSocket,
      long timestamp,
      String status) {}
}
