package io.vineyard.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The RPC endpoint's flags: {@code --rpc}, {@code --rpc-socket-port}, {@code --rpc-bind}.
 *
 * <p>Off by default: the endpoint has no authentication (as vineyardd's), and a TCP port, even on
 * loopback, is open to every user of the host, while the IPC socket is the owner's only (0600). On,
 * it binds loopback unless an address is given, so that widening it is a decision.
 *
 * @param enabled whether to serve it
 * @param bind the address to bind
 * @param port the TCP port (0: a free one)
 */
public record RpcSettings(boolean enabled, String bind, int port) {
  /** vineyardd's default RPC port. */
  public static final int DEFAULT_PORT = 9600;

  /** The default bind address: loopback. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  /** No RPC endpoint (the default). */
  public static final RpcSettings OFF = new RpcSettings(false, DEFAULT_BIND, DEFAULT_PORT);

  /**
   * Checks the flags.
   *
   * @throws IllegalArgumentException naming the flag whose value is wrong
   */
  public RpcSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "--rpc-socket-port " + port + " is not a TCP port (0 to 65535; 0: a free one)");
    }
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("--rpc-bind needs an address, e.g. 127.0.0.1 or 0.0.0.0");
    }
  }

  /** The server's configuration keys for these flags (none when off). */
  Map<String, String> configuration() {
    Map<String, String> c = new LinkedHashMap<>();
    if (enabled) {
      c.put("rpc", "true");
      c.put("rpc.bind", bind.startsWith("[") ? bind.substring(1, bind.length() - 1) : bind);
      c.put("rpc.port", Integer.toString(port));
    }
    return c;
  }
}
