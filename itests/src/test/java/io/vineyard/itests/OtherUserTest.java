package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.testkit.OtherUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Who may connect: another Unix user (an unprivileged system user this test makes with {@code
 * useradd}, when it runs as root; skipped with a message otherwise) can neither connect to a
 * runtime's socket nor open its arena files; {@code --socket-mode 666} lets it connect, on purpose,
 * and still not open the arenas. The folders around them are opened up for the test, so that only
 * the modes the runtime sets decide.
 */
class OtherUserTest {
  private static final String PROBE =
      """
      import java.nio.channels.FileChannel;
      import java.nio.channels.SocketChannel;
      import java.net.UnixDomainSocketAddress;
      import java.nio.file.Path;
      public class Probe {
        public static void main(String[] a) throws Exception {
          if (a[0].equals("connect")) {
            SocketChannel.open(UnixDomainSocketAddress.of(a[1])).close();
          } else {
            FileChannel.open(Path.of(a[1])).close();
          }
        }
      }
      """;

  private static boolean asOther(OtherUser other, Path probe, String what, Path target)
      throws IOException, InterruptedException {
    // -XX:-UsePerfData: no hsperfdata folder of the other user left in /tmp
    return other.canRun(
        RuntimeProcess.java(), "-XX:-UsePerfData", probe.toString(), what, target.toString());
  }

  private static void openUpTo(Path p, Path root) throws IOException {
    for (Path q = p;
        q != null && q.startsWith(root) && !q.equals(root);
        q = q.getParent()) { // never root itself (/tmp)
      Files.setPosixFilePermissions(q, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void anotherUserCanNeitherConnectNorMapUnlessTheSocketIsWidenedOnPurpose() throws Exception {
    OtherUser other = OtherUser.create();
    Assumptions.assumeTrue(other != null, OtherUser.SKIPPED);
    Path dir = Files.createTempDirectory("vineyard-other-user");
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Path probe = Files.writeString(dir.resolve("Probe.java"), PROBE);
      Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
      try (RuntimeProcess closed = RuntimeProcess.start("32M");
          RuntimeProcess widened = RuntimeProcess.start("32M", "--socket-mode", "666")) {
        for (RuntimeProcess rt : List.of(closed, widened)) {
          openUpTo(rt.socket.getParent(), rt.work.getParent());
          openUpTo(rt.shm, rt.shm.getParent());
        }
        Path arena = closed.shm.resolve("arenas").resolve("arena-0");
        assertTrue(Files.exists(arena), arena.toString());
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(closed.socket)));
        assertFalse(
            asOther(other, probe, "connect", closed.socket),
            "another user connected to a 0600 socket");
        assertFalse(asOther(other, probe, "open", arena), "another user opened an arena file");
        assertTrue(
            asOther(other, probe, "connect", widened.socket),
            "--socket-mode 666 lets it connect (the probe works)");
        assertFalse(
            asOther(other, probe, "open", widened.shm.resolve("arenas").resolve("arena-0")),
            "but not open the arenas");
      }
    } finally {
      RuntimeProcess.deleteTree(dir);
    }
  }
}
