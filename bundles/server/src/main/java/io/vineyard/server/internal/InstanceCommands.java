package io.vineyard.server.internal;

import io.vineyard.api.VineyardException;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.protocol.InstanceMessages.ClusterMetaReply;
import io.vineyard.protocol.InstanceMessages.ClusterMetaRequest;
import io.vineyard.protocol.InstanceMessages.InstanceStatusReply;
import io.vineyard.protocol.InstanceMessages.InstanceStatusRequest;
import io.vineyard.protocol.InstanceMessages.Member;
import io.vineyard.protocol.InstanceMessages.RegisterReply;
import io.vineyard.protocol.InstanceMessages.RegisterRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/** register, instance_status and cluster_meta: who this instance is and how it is doing. */
final class InstanceCommands {
  /** The vineyardd version we speak; clients warn when the major/minor do not fit theirs. */
  static final String PROTOCOL_VERSION = "0.24.2";

  static final String NO_RPC = "0.0.0.0:0";

  private final ServerCore core;
  private final long startedAt = System.currentTimeMillis();

  InstanceCommands(ServerCore core) {
    this.core = core;
  }

  void register(Dispatcher d) {
    d.on(RegisterRequest.class, this::register);
    d.on(InstanceStatusRequest.class, (s, r) -> status());
    d.on(ClusterMetaRequest.class, (s, r) -> clusterMeta());
  }

  private RegisterReply register(Session session, RegisterRequest request) {
    if (request.sessionId() != 0 && request.sessionId() != core.sessionId()) {
      throw new VineyardException.Invalid(
          "session "
              + Long.toUnsignedString(request.sessionId())
              + " is not served on "
              + core.socketPath()
              + " (connect to the socket_path its new_session_reply named)");
    }
    session.markRegistered();
    return new RegisterReply(
        core.socketPath().toString(),
        core.rpcEndpoint(),
        core.meta().instanceId(),
        core.sessionId(),
        PROTOCOL_VERSION,
        request.storeMatches(),
        false);
  }

  private InstanceStatusReply status() {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("instance_id", core.meta().instanceId());
    meta.put("deployment", "local");
    meta.put("memory_usage", core.store().used());
    meta.put("memory_limit", core.store().limit());
    meta.put("deferred_requests", 0);
    meta.put("ipc_connections", core.connections());
    meta.put("rpc_connections", core.rpcConnections());
    meta.put("objects", core.meta().size());
    meta.put("blobs", core.store().blobCount());
    meta.putAll(core.meta().status());
    meta.put("ipc_socket", core.socketPath().toString());
    meta.putAll(core.paths());
    return new InstanceStatusReply(meta);
  }

  private ClusterMetaReply clusterMeta() {
    Map<String, Member> all = new LinkedHashMap<>();
    for (InstanceInfo i : core.meta().instances()) {
      boolean self = i.id() == core.meta().instanceId();
      String host = i.host().isEmpty() ? hostname() : i.host();
      all.put(
          "i" + i.id(),
          new Member(
              host.hashCode() & 0xffffffffL,
              host,
              host,
              self ? core.rpcEndpoint() : i.rpcEndpoint(),
              self && i.socket().isEmpty() ? core.socketPath().toString() : i.socket(),
              self ? startedAt : i.startedAt(),
              i.status()));
    }
    return new ClusterMetaReply(all);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
