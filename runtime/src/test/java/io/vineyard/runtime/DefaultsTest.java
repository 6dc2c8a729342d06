package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultsTest {
  private static final Defaults ALICE =
      new Defaults("alice", false, Path.of("/home/alice"), Map.of());
  private static final Defaults ROOT = new Defaults("root", true, Path.of("/root"), Map.of());

  @Test
  void socketAsVineyardd() {
    assertEquals(Path.of("/home/alice/.local/vineyard/vineyard.sock"), ALICE.socket());
    assertEquals(Path.of("/var/run/vineyard.sock"), ROOT.socket());
  }

  @Test
  void environmentOverridesTheSocket() {
    Defaults withEnv =
        new Defaults(
            "alice", false, Path.of("/home/alice"), Map.of(Defaults.SOCKET_ENV, "/tmp/v.sock"));
    assertEquals(Path.of("/tmp/v.sock"), withEnv.socket());
    Defaults blank = new Defaults("root", true, Path.of("/root"), Map.of(Defaults.SOCKET_ENV, " "));
    assertEquals(Path.of("/var/run/vineyard.sock"), blank.socket());
  }

  @Test
  void shmDirIsPerUserAndSocket() {
    Path one = ALICE.shmDir(Path.of("/tmp/one.sock"));
    Path two = ALICE.shmDir(Path.of("/tmp/two.sock"));
    assertNotEquals(one, two);
    assertTrue(one.toString().matches("/dev/shm/vineyard-alice-[0-9a-f]{8}"), one.toString());
    assertEquals(one, ALICE.shmDir(Path.of("/tmp/../tmp/./one.sock")), "same socket, same folder");
    assertNotEquals(one, ROOT.shmDir(Path.of("/tmp/one.sock")), "another user, another folder");
  }

  @Test
  void pluginsDir() {
    assertEquals(Path.of("/home/alice/.local/vineyard/plugins"), ALICE.pluginsDir());
    assertEquals(Path.of("/var/lib/vineyard/plugins"), ROOT.pluginsDir());
  }

  @Test
  void dataDirIsPerUserAndSocket() {
    Path one = ALICE.dataDir(Path.of("/tmp/vineyard.sock1"));
    Path two = ALICE.dataDir(Path.of("/tmp/vineyard.sock2"));
    assertNotEquals(one, two);
    assertTrue(
        one.toString().matches("/home/alice/\\.local/share/vineyard/[0-9a-f]{8}"), one.toString());
    assertEquals(
        one, ALICE.dataDir(Path.of("/tmp/../tmp/vineyard.sock1")), "same socket, same folder");
    assertEquals(
        ALICE.shmDir(Path.of("/tmp/vineyard.sock1")).toString(),
        "/dev/shm/vineyard-alice-" + one.getFileName(),
        "the hash the shared-memory folder has");
    Path rootOne = ROOT.dataDir(Path.of("/tmp/vineyard.sock1"));
    assertEquals(Path.of("/var/lib/vineyard/data").resolve(one.getFileName()), rootOne);
    Defaults bob = new Defaults("bob", false, Path.of("/home/bob"), Map.of());
    assertNotEquals(
        one, bob.dataDir(Path.of("/tmp/vineyard.sock1")), "another user, another folder");
  }

  @Test
  void discoveryDirIsPerUser() {
    assertEquals(Path.of("/home/alice/.local/vineyard/discovery"), ALICE.discoveryDir());
    assertEquals(Path.of("/var/lib/vineyard/discovery"), ROOT.discoveryDir());
    assertNotEquals(
        ALICE.discoveryDir(),
        new Defaults("bob", false, Path.of("/home/bob"), Map.of()).discoveryDir());
  }

  @Test
  void thisProcess() {
    Defaults here = Defaults.ofThisProcess();
    assertEquals(System.getProperty("user.name"), here.user());
    assertTrue(here.socket().isAbsolute());
  }
}
