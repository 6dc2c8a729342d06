package io.vineyard.server.internal;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.protocol.BlobMessages.GetBuffersReply;
import io.vineyard.protocol.Codec;
import io.vineyard.protocol.Command;
import io.vineyard.protocol.InstanceMessages.RegisterReply;
import io.vineyard.protocol.InstanceMessages.RegisterRequest;
import io.vineyard.protocol.Payload;
import io.vineyard.protocol.RemoteMessages.GetRemoteBuffersRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * This instance as a client of another instance's RPC endpoint, the way vineyardd's {@code
 * RemoteClient} migrates: register, then {@code get_remote_buffers} and the bytes that follow.
 */
final class RpcPeer implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private final String endpoint;
  private final TcpWire wire;

  private RpcPeer(String endpoint, TcpWire wire) {
    this.endpoint = endpoint;
    this.wire = wire;
  }

  /**
   * Connects and registers.
   *
   * @throws VineyardException.ConnectionError naming the endpoint when it cannot be reached
   */
  static RpcPeer connect(String endpoint, long maxFrame) {
    InetSocketAddress address = address(endpoint);
    SocketChannel ch = null;
    try {
      ch = SocketChannel.open();
      ch.socket().connect(address, CONNECT_TIMEOUT_MS);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      RpcPeer peer = new RpcPeer(endpoint, new TcpWire(ch, maxFrame));
      peer.call(
          new RegisterRequest(InstanceCommands.PROTOCOL_VERSION, 1, 0, "", ""),
          Command.REGISTER,
          RegisterReply.class);
      return peer;
    } catch (IOException e) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing more to release
        }
      }
      throw new VineyardException.ConnectionError(
          "cannot reach the RPC endpoint " + endpoint + ": " + e.getMessage());
    }
  }

  /** {@code host:port}, or {@code [v6]:port}, as endpoints are written. */
  static InetSocketAddress address(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0 || colon == endpoint.length() - 1) {
      throw new VineyardException.Invalid("RPC endpoint '" + endpoint + "' is not HOST:PORT");
    }
    String host = endpoint.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new InetSocketAddress(host, Integer.parseInt(endpoint.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new VineyardException.Invalid(
          "RPC endpoint '" + endpoint + "' is not HOST:PORT: " + e.getMessage());
    }
  }

  /**
   * Asks for the blobs; the caller must then {@link #receive} each payload's bytes, in order.
   *
   * @throws VineyardException.ObjectNotExists naming the blobs the peer does not have
   */
  List<Payload> getRemoteBuffers(List<ObjectId> ids) throws IOException {
    GetBuffersReply reply =
        call(
            new GetRemoteBuffersRequest(ids, false, false, false),
            Command.GET_REMOTE_BUFFERS,
            GetBuffersReply.class);
    if (reply.payloads().size() != ids.size()) {
      List<ObjectId> missing = new java.util.ArrayList<>(ids);
      reply.payloads().forEach(p -> missing.remove(p.objectId()));
      throw new VineyardException.ObjectNotExists(
          "instance at " + endpoint + " does not have the blobs " + missing);
    }
    return reply.payloads();
  }

  /** The connection, for the payload bytes after {@link #getRemoteBuffers}. */
  TcpWire wire() {
    return wire;
  }

  private <R extends io.vineyard.protocol.Reply> R call(
      io.vineyard.protocol.Request<?> request, Command command, Class<R> type) throws IOException {
    wire.writeFrame(Codec.encode(request));
    return Codec.decodeReply(wire.readFrame(), command, type);
  }

  @Override
  public void close() {
    try {
      wire.writeFrame(Codec.encode(new io.vineyard.protocol.InstanceMessages.ExitRequest()));
    } catch (IOException e) {
      // the peer is gone already
    }
    wire.close();
  }
}
