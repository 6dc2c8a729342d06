package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private static final String USER = "vineyard-test-other";
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

  private static int run(List<String> cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static boolean asOther(Path probe, String what, Path target)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "runuser",
                "-u",
                USER,
                "--",
                RuntimeProcess.java(),
                "-XX:-UsePerfData", // no hsperfdata folder of the other user left in /tmp
                probe.toString(),
                what,
                target.toString()));
    return run(cmd) == 0;
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
    boolean root =
        "0"
            .equals(
                new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes())
                    .trim());
    Assumptions.assumeTrue(
        root
            && (run(List.of("id", USER)) == 0
                || run(
                        List.of(
                            "useradd",
                            "--system",
                            "--no-create-home",
                            "--shell",
                            "/usr/sbin/nologin",
                            USER))
                    == 0),
        "no other Unix user to test with: it needs root and useradd/runuser (skipped)");
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
            asOther(probe, "connect", closed.socket), "another user connected to a 0600 socket");
        assertFalse(asOther(probe, "open", arena), "another user opened an arena file");
        assertTrue(
            asOther(probe, "connect", widened.socket),
            "--socket-mode 666 lets it connect (the probe works)");
        assertFalse(
            asOther(probe, "open", widened.shm.resolve("arenas").resolve("arena-0")),
            "but not open the arenas");
      }
    } finally {
      RuntimeProcess.deleteTree(dir);
    }
  }
}
