package io.vineyard.meta.raft;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret the cluster transport encrypts every message with (JGroups' {@code SYM_ENCRYPT}
 * beneath {@code SERIALIZE}, so headers, joins and Raft's votes are encrypted too): 256 random bits
 * as 64 hex digits in a file only its owner may read or write (0600, in a folder of mode 0700).
 *
 * <p>Without {@code --cluster-key}, the first runtime of a cluster name creates {@code
 * <discovery>/<cluster>.key}; every later one reads it, so the runtimes of one user share it and
 * nobody else can. A runtime of another user, or any program without the file, cannot join the
 * group, send it a command or read what it says: its messages do not decrypt and are dropped. For a
 * cluster across hosts, copy the file to each host (e.g. {@code scp -p}) and pass it with {@code
 * --cluster-key FILE}.
 */
final class ClusterKey {
  /** The cipher: JGroups' SYM_ENCRYPT passes an IvParameterSpec, which rules out AES/GCM. */
  static final String ALGORITHM = "AES/CBC/PKCS5Padding";

  static final int IV_LENGTH = 16;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private ClusterKey() {}

  /**
   * Reads the key of a file, creating the file with a new key when {@code create} and it does not
   * exist.
   *
   * @throws IllegalStateException when the file is missing (and not to be created), readable by
   *     others, or holds no key
   */
  static SecretKey load(Path file, boolean create) throws IOException {
    if (create && !Files.exists(file)) {
      createFile(file);
    }
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "cluster key "
              + file
              + " does not exist: copy it from a member of the cluster"
              + " (it is created where the cluster was founded)");
    }
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(mode)) {
      throw new IllegalStateException(
          "cluster key "
              + file
              + " is readable or writable by others ("
              + PosixFilePermissions.toString(mode)
              + "): chmod 600 "
              + file);
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
    byte[] key;
    try {
      key = HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      throw new IllegalStateException(
          "cluster key " + file + " holds no key (64 hex digits expected)");
    }
    return new SecretKeySpec(key, "AES");
  }

  private static void createFile(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    ownerOnlyFolder(dir);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    // written beside, then linked into place: a runtime starting at the same moment sees no file
    // or a whole one, never an empty one (a hard link fails if the name is taken)
    Path next =
        Files.createTempFile(
            dir,
            file.getFileName().toString(),
            ".next",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    try {
      try (FileChannel ch = FileChannel.open(next, StandardOpenOption.WRITE)) {
        ch.write(
            java.nio.ByteBuffer.wrap(
                (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      Files.createLink(file, next);
    } catch (FileAlreadyExistsException e) {
      // another runtime made it first: read theirs
    } finally {
      Files.deleteIfExists(next);
    }
  }

  /**
   * Creates a folder (and its missing parents) of mode 0700, or narrows an existing one of ours to
   * it.
   */
  static void ownerOnlyFolder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
      } catch (FileAlreadyExistsException e) {
        // made meanwhile
      }
    }
    if (!Files.getPosixFilePermissions(dir).equals(OWNER_DIR)) {
      Files.setPosixFilePermissions(dir, OWNER_DIR);
    }
  }
}
