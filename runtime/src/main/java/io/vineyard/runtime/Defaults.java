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
 *   <li>plugins folder: {@code /var/lib/vineyard/plugins} for root, else {@code
 *       ~/.local/vineyard/plugins};
 *   <li>data folder (the metadata service's log, snapshots and instance ID): {@code
 *       ~/.local/share/vineyard/<the same 8 hex digits>}, for root {@code
 *       /var/lib/vineyard/data/<the same>}: derived from the socket as the shared-memory folder is,
 *       so two runtimes of one user never share one, and a restart on the same socket finds its
 *       own;
 *   <li>discovery folder (where the runtimes of a cluster without {@code --peers} find each other):
 *       {@code ~/.local/vineyard/discovery}, for root {@code /var/lib/vineyard/discovery}. It is
 *       per user, so only the runtimes of one user meet; it lives beside the data, not in {@code
 *       /var/run}, because the file naming a cluster's founder must outlive a reboot (a runtime
 *       that started after the reboot would otherwise found a second cluster).
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
    return new Defaults(
        user, isRoot(user), Path.of(System.getProperty("user.home")), System.getenv());
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
    return Path.of("/dev/shm", "vineyard-" + user + "-" + socketHash(socket));
  }

  /**
   * Returns the data folder of the runtime serving {@code socket} when {@code --data-dir} is not
   * given.
   *
   * @param socket the socket path (made absolute before hashing)
   * @return a folder of this user's, unique to the socket
   */
  public Path dataDir(Path socket) {
    return (root ? Path.of("/var/lib/vineyard/data") : home.resolve(".local/share/vineyard"))
        .resolve(socketHash(socket));
  }

  /**
   * Returns the folder the runtimes of this user share to find each other when {@code
   * --discovery-dir} is not given.
   *
   * @return an absolute path
   */
  public Path discoveryDir() {
    return root
        ? Path.of("/var/lib/vineyard/discovery")
        : home.resolve(".local/vineyard/discovery");
  }

  /** The first 8 hex digits of the SHA-256 of the absolute, normalized socket path. */
  static String socketHash(Path socket) {
    String absolute = socket.toAbsolutePath().normalize().toString();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(absolute.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
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
