package io.vineyard.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.meta.InstanceInfo;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.Json;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** register, instance_status and cluster_meta: who this instance is and how it is doing. */
final class InstanceCommands {
  /** The vineyardd version we speak; clients warn when the major/minor do not fit theirs. */
  static final String PROTOCOL_VERSION = "0.24.2";
  private static final String NO_RPC = "0.0.0.0:0";

  private final ServerCore core;
  private final long startedAt = System.currentTimeMillis();

  InstanceCommands(ServerCore core) {
    this.core = core;
  }

  void register(Map<Command, Dispatcher.Handler> h) {
    h.put(Command.REGISTER, this::register);
    h.put(Command.INSTANCE_STATUS, (s, r) -> status());
    h.put(Command.CLUSTER_META, (s, r) -> clusterMeta());
  }

  private Reply register(Session session, ObjectNode request) {
    // store_type: 1 (kDefault) or "Normal" from older clients; Plasma (2) is not served here
    JsonNode storeType = request.get("store_type");
    boolean match = storeType == null
        || (storeType.isNumber() && storeType.asInt() == 1)
        || (storeType.isTextual() && storeType.asText().equalsIgnoreCase("normal"));
    session.markRegistered();
    ObjectNode reply = Reply.body(Command.REGISTER);
    reply.put("ipc_socket", core.socketPath().toString());
    reply.put("rpc_endpoint", NO_RPC);
    reply.put("instance_id", core.meta().instanceId());
    reply.put("session_id", 0);
    reply.put("version", PROTOCOL_VERSION);
    reply.put("store_match", match);
    reply.put("support_rpc_compression", false);
    return Reply.of(reply);
  }

  private Reply status() {
    ObjectNode reply = Reply.body(Command.INSTANCE_STATUS);
    ObjectNode meta = reply.putObject("meta");
    meta.put("instance_id", core.meta().instanceId());
    meta.put("deployment", "local");
    meta.put("memory_usage", core.store().used());
    meta.put("memory_limit", core.store().limit());
    meta.put("deferred_requests", 0);
    meta.put("ipc_connections", core.connections());
    meta.put("rpc_connections", 0);
    meta.put("objects", core.meta().size());
    core.meta().status().forEach((k, v) -> meta.set(k, Json.MAPPER.valueToTree(v)));
    return Reply.of(reply);
  }

  private Reply clusterMeta() {
    ObjectNode reply = Reply.body(Command.CLUSTER_META);
    ObjectNode all = reply.putObject("meta");
    for (InstanceInfo i : core.meta().instances()) {
      ObjectNode one = Json.object();
      boolean self = i.id() == core.meta().instanceId();
      String host = i.host().isEmpty() ? hostname() : i.host();
      one.put("hostid", host.hashCode() & 0xffffffffL);
      one.put("hostname", host);
      one.put("nodename", host);
      one.put("rpc_endpoint", NO_RPC);
      one.put("ipc_socket", self && i.socket().isEmpty() ? core.socketPath().toString() : i.socket());
      one.put("timestamp", self ? startedAt : i.startedAt());
      one.put("status", i.status());
      all.set("i" + i.id(), one);
    }
    return Reply.of(reply);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
