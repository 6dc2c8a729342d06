package io.vineyard.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The folders the launcher prepares or checks before the bundles use them. */
final class Folders {
  private Folders() {}

  /**
   * Creates a folder only its owner may enter ({@code rwx------}), unless it exists; its parents
   * are created with the usual permissions.
   *
   * @param folder the folder
   * @param what what it is and its flag, for the message
   * @throws IllegalStateException naming the folder if it cannot be created
   */
  static void createPrivate(Path folder, String what) {
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder.getParent());
        Files.createDirectory(
            folder,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
    } catch (IOException | UnsupportedOperationException e) {
      if (!Files.isDirectory(folder)) { // another runtime may have created it meanwhile
        throw new IllegalStateException("cannot create " + what + " " + folder + ": " + e, e);
      }
    }
  }

  /**
   * Checks that a folder, if it exists, belongs to the user running this process: the discovery
   * folder must not be shared with other users, whose runtimes would join this one's cluster.
   *
   * @param folder the folder
   * @param what what it is and its flag, for the message
   * @throws IllegalStateException naming the folder and its owner if another user owns it
   */
  static void checkOwned(Path folder, String what) {
    try {
      if (!Files.isDirectory(folder)) {
        return;
      }
      int mine = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue();
      int owner = ((Number) Files.getAttribute(folder, "unix:uid")).intValue();
      if (owner != mine) {
        throw new IllegalStateException(
            what
                + " "
                + folder
                + " belongs to "
                + Files.getOwner(folder).getName()
                + ": runtimes of different users must not share one (pick a folder of your own)");
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix attributes here: nothing to compare
    }
  }
}
