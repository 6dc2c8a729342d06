package io.vineyard.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
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
public record Cluster(String name, String bind, int port, List<String> peers, Path discoveryDir, Duration commitTimeout,
        Path clusterKey) {
    /** The cluster name when {@code --cluster} is not given. */
    public static final String DEFAULT_NAME = "vineyard";

    /** The bind address when {@code --bind} is not given: loopback, a machine-local cluster. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "0:0:0:0:0:0:0:0");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    /**
     * Checks the flags against each other.
     *
     * @throws IllegalArgumentException naming the flag to change
     */
    public Cluster {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("--cluster '" + name + "': a cluster name is letters, digits, '.', '_' and '-'"
                    + " (it names files in the discovery folder)");
        }
        peers = List.copyOf(peers);
        if (!peers.isEmpty() && port == 0) {
            throw new IllegalArgumentException("--peers needs this runtime's own fixed port: give --bind ADDR:PORT (e.g. --bind "
                    + (bind.contains(":") ? "[" + bind + "]" : bind) + ":7800), with the address and port the peers list it under");
        }
        if (!peers.isEmpty() && WILDCARDS.contains(bind)) {
            throw new IllegalArgumentException("--bind " + bind + " with --peers: the members know each other by the address in"
                    + " --bind, so give the one the peers reach this runtime at, not a wildcard");
        }
        if (commitTimeout != null && (commitTimeout.isNegative() || commitTimeout.isZero())) {
            throw new IllegalArgumentException("--commit-timeout must be positive");
        }
    }

    /** A cluster with the discovery folder's key file. */
    public Cluster(String name, String bind, int port, List<String> peers, Path discoveryDir, Duration commitTimeout) {
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
            String s = text.strip();
            String host;
            String port = null;
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0 || (close < s.length() - 1 && s.charAt(close + 1) != ':')) {
                    throw new IllegalArgumentException(what + " '" + text + "' is not ADDR or ADDR:PORT (IPv6: [ADDR]:PORT)");
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
            if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == ',')) {
                throw new IllegalArgumentException(what + " '" + text + "' has no address: write ADDR or ADDR:PORT");
            }
            return new Address(host, port == null ? 0 : parsePort(port, text, what));
        }

        private static int parsePort(String port, String text, String what) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException(what + " '" + text + "': '" + port + "' is not a TCP port (0 to 65535)");
            }
            return p;
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
        List<String> peers = new ArrayList<>();
        for (String p : text.split(",")) {
            if (p.isBlank()) {
                continue;
            }
            Address a = Address.parse(p, "--peers: peer");
            if (a.port() == 0) {
                throw new IllegalArgumentException("--peers: peer '" + p.strip() + "' has no port: write HOST:PORT"
                        + " (each member's port, as in its --bind)");
            }
            peers.add(p.strip());
        }
        return peers;
    }

    /**
     * Parses a duration: a whole number with a unit, {@code ms}, {@code s}, {@code m} or
     * {@code h} ({@code 500ms}, {@code 10s}), or ISO-8601 ({@code PT10S}).
     *
     * @param text the duration as written
     * @return the duration
     * @throws IllegalArgumentException if the text is none of those
     */
    public static Duration parseDuration(String text) {
        String s = text.strip();
        Matcher m = DURATION.matcher(s);
        if (m.matches() && m.group(1).length() < 10) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 10s, 2m)");
        }
    }
}
