package io.vineyard.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The defaults of vineyardd's flags, derived from who runs it and from the environment.
 *
 * <ul>
 *   <li>socket: {@code $VINEYARD_IPC_SOCKET}, else {@code /var/run/vineyard.sock} for root, else
 *       {@code ~/.local/vineyard/vineyard.sock} (as vineyardd);
 *   <li>shared-memory folder: {@code /dev/shm/vineyard-<user>-<8 hex digits of a hash of the
 *       absolute socket path>}, so two runtimes on two sockets never share arenas, and one
 *       restarted on the same socket finds its own again;
 *   <li>plugins folder: {@code /var/lib/vineyard/plugins} for root, else
 *       {@code ~/.local/vineyard/plugins}.
 * </ul>
 *
 * @param user the user name
 * @param root whether the process runs as uid 0
 * @param home the user's home folder
 * @param env the process environment
 */
public record Defaults(String user, boolean root, Path home, Map<String, String> env) {
    /** The environment variable naming the IPC socket, shared with every Vineyard client. */
    public static final String SOCKET_ENV = "VINEYARD_IPC_SOCKET";

    /** The default size of the bulk store, as vineyardd's. */
    public static final String SIZE = "2G";

    /**
     * Describes the current process.
     *
     * @return the defaults for this process's user and environment
     */
    public static Defaults ofThisProcess() {
        String user = System.getProperty("user.name");
        return new Defaults(user, isRoot(user), Path.of(System.getProperty("user.home")), System.getenv());
    }

    /**
     * Returns the socket path to use when {@code --socket} is not given.
     *
     * @return an absolute path
     */
    public Path socket() {
        String fromEnv = env.get(SOCKET_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return root ? Path.of("/var/run/vineyard.sock") : home.resolve(".local/vineyard/vineyard.sock");
    }

    /**
     * Returns the shared-memory folder for the runtime serving {@code socket}.
     *
     * @param socket the socket path (made absolute before hashing)
     * @return a folder under {@code /dev/shm} unique to this user and socket
     */
    public Path shmDir(Path socket) {
        String absolute = socket.toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(absolute.getBytes(StandardCharsets.UTF_8));
            return Path.of("/dev/shm", "vineyard-" + user + "-" + HexFormat.of().formatHex(digest, 0, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Returns the folder FileInstall watches for plugin jars when {@code --plugins-dir} is not given.
     *
     * @return an absolute path
     */
    public Path pluginsDir() {
        return root ? Path.of("/var/lib/vineyard/plugins") : home.resolve(".local/vineyard/plugins");
    }

    private static boolean isRoot(String user) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(user);
        }
    }
}
