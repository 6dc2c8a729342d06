package io.vineyard.runtime;

import io.vineyard.settings.Durations;
import io.vineyard.settings.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How this runtime joins a cluster, as its flags say. The launcher hands it to whichever metadata
 * service the bundle set installs (configuration {@code io.vineyard.meta.raft}); a service that
 * needs no cluster ignores it.
 *
 * @param name the cluster's name ({@code --cluster}): letters, digits, {@code . _ -}
 * @param bind the address the cluster transport binds to, without brackets ({@code --bind})
 * @param port the transport's TCP port; 0 picks a free one
 * @param peers every member's {@code host:port} as written ({@code --peers}); empty: the runtimes
 *     find each other through {@code discoveryDir}
 * @param discoveryDir the folder the runtimes of one user share to find each other
 * @param commitTimeout how long a change may wait for a majority; null for the service's default
 * @param clusterKey the transport's key file ({@code --cluster-key}); null: the discovery folder's
 */
public record Cluster(
    String name,
    String bind,
    int port,
    List<String> peers,
    Path discoveryDir,
    Duration commitTimeout,
    Path clusterKey) {
  /** The cluster name when {@code --cluster} is not given. */
  public static final String DEFAULT_NAME = "vineyard";

  /** The bind address when {@code --bind} is not given: loopback, a machine-local cluster. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");

  /**
   * Checks the flags against each other.
   *
   * @throws IllegalArgumentException naming the flag to change
   */
  public Cluster {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "--cluster '"
              + name
              + "': a cluster name is letters, digits, '.', '_' and '-'"
              + " (it names files in the discovery folder)");
    }
    peers = List.copyOf(peers);
    if (!peers.isEmpty() && port == 0) {
      throw new IllegalArgumentException(
          "--peers needs this runtime's own fixed port: give --bind ADDR:PORT (e.g. --bind "
              + (bind.contains(":") ? "[" + bind + "]" : bind)
              + ":7800), with the address and port the peers list it under");
    }
    if (!peers.isEmpty() && WILDCARDS.contains(bind)) {
      throw new IllegalArgumentException(
          "--bind "
              + bind
              + " with --peers: the members know each other by the address in"
              + " --bind, so give the one the peers reach this runtime at, not a wildcard");
    }
    if (commitTimeout != null && (commitTimeout.isNegative() || commitTimeout.isZero())) {
      throw new IllegalArgumentException("--commit-timeout must be positive");
    }
  }

  /** A cluster with the discovery folder's key file. */
  public Cluster(
      String name,
      String bind,
      int port,
      List<String> peers,
      Path discoveryDir,
      Duration commitTimeout) {
    this(name, bind, port, peers, discoveryDir, commitTimeout, null);
  }

  /**
   * An address and a port, as {@code --bind} and {@code --peers} take them.
   *
   * @param host a host name or IP address, IPv6 without brackets
   * @param port the port, or 0 when none was given
   */
  public record Address(String host, int port) {
    /**
     * Parses {@code HOST}, {@code HOST:PORT}, {@code [IPV6]} or {@code [IPV6]:PORT}; a bare IPv6
     * address has no port.
     *
     * @param text the address as written
     * @param what the flag, for messages
     * @return the address; port 0 when the text has none
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Address parse(String text, String what) {
      HostPort a = HostPort.parse(text, what);
      return new Address(a.host(), a.port());
    }
  }

  /**
   * Parses {@code --peers}: comma-separated {@code HOST:PORT}, each with a port.
   *
   * @param text the flag's value
   * @return the peers, trimmed, in order, blanks skipped
   * @throws IllegalArgumentException naming a peer without a port
   */
  public static List<String> parsePeers(String text) {
    return HostPort.parsePeers(text);
  }

  /**
   * Parses a duration: a whole number with a unit, {@code ms}, {@code s}, {@code m} or {@code h}
   * ({@code 500ms}, {@code 10s}), or ISO-8601 ({@code PT10S}).
   *
   * @param text the duration as written
   * @return the duration
   * @throws IllegalArgumentException if the text is none of those
   */
  public static Duration parseDuration(String text) {
    return Durations.parse(text);
  }
}
