package io.vineyard.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * An address and a port, as {@code --bind} and {@code --peers} take them.
 *
 * @param host a host name or IP address, IPv6 without brackets
 * @param port the port, or 0 when none was given
 */
public record HostPort(String host, int port) {

  /**
   * Parses {@code HOST}, {@code HOST:PORT}, {@code [IPV6]} or {@code [IPV6]:PORT}; a bare IPv6
   * address has no port.
   *
   * @param text the address as written
   * @param what the flag, for messages
   * @return the address; port 0 when the text has none
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static HostPort parse(String text, String what) {
    String s = text.strip();
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0 || (close < s.length() - 1 && s.charAt(close + 1) != ':')) {
        throw new IllegalArgumentException(
            what + " '" + text + "' is not ADDR or ADDR:PORT (IPv6: [ADDR]:PORT)");
      }
      host = s.substring(1, close);
      port = close < s.length() - 1 ? s.substring(close + 2) : null;
    } else if (s.indexOf(':') == s.lastIndexOf(':')) {
      int colon = s.indexOf(':');
      host = colon < 0 ? s : s.substring(0, colon);
      port = colon < 0 ? null : s.substring(colon + 1);
    } else {
      host = s; // IPv6 without brackets: no port
    }
    if (host.isEmpty()
        || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == ',')) {
      throw new IllegalArgumentException(
          what + " '" + text + "' has no address: write ADDR or ADDR:PORT");
    }
    return new HostPort(host, port == null ? 0 : parsePort(port, text, what));
  }

  private static int parsePort(String port, String text, String what) {
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      p = -1;
    }
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(
          what + " '" + text + "': '" + port + "' is not a TCP port (0 to 65535)");
    }
    return p;
  }

  /**
   * Parses {@code --peers}: comma-separated {@code HOST:PORT}, each with a port.
   *
   * @return the peers, trimmed, in order, blanks skipped (none for null)
   * @throws IllegalArgumentException naming a peer that is not an address or has no port
   */
  public static List<String> parsePeers(String text) {
    List<String> peers = new ArrayList<>();
    for (String p : text == null ? new String[0] : text.split(",")) {
      if (p.isBlank()) {
        continue;
      }
      if (parse(p, "--peers: peer").port() == 0) {
        throw new IllegalArgumentException(
            "--peers: peer '"
                + p.strip()
                + "' has no port: write HOST:PORT"
                + " (each member's port, as in its --bind)");
      }
      peers.add(p.strip());
    }
    return peers;
  }
}
