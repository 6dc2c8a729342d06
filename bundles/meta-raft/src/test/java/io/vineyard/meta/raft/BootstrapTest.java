package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {
  @TempDir Path tmp;

  /** Decides for a data dir, as a runtime that then stops (its member file stays, unlocked). */
  private Bootstrap decide(String data) throws Exception {
    ClusterSettings s = ClusterSettings.embedded("c", tmp.resolve("discovery"), tmp.resolve(data), "/run/" + data + ".sock",
        Duration.ofSeconds(1));
    try (DataDir dir = DataDir.lock(s.dataDir()); Discovery discovery = new Discovery(s.discoveryDir(), s.cluster())) {
      return Bootstrap.decide(s, dir, discovery);
    }
  }

  /** Decides for a data dir and keeps running (its member file locked) until the result is closed. */
  private AutoCloseable running(String data) throws Exception {
    ClusterSettings s = ClusterSettings.embedded("c", tmp.resolve("discovery"), tmp.resolve(data), "/run/" + data + ".sock",
        Duration.ofSeconds(1));
    DataDir dir = DataDir.lock(s.dataDir());
    Discovery discovery = new Discovery(s.discoveryDir(), s.cluster());
    Bootstrap.decide(s, dir, discovery);
    return () -> {
      discovery.close();
      dir.close();
    };
  }

  @Test
  void theFirstRuntimeFoundsTheGroupAndLaterOnesJoinIt() throws Exception {
    Bootstrap a = decide("a");
    assertFalse(a.mustJoin());
    assertEquals(List.of(a.raftId()), a.initialMembers());
    Bootstrap b;
    try (AutoCloseable runningA = running("a")) {
      b = decide("b");
    }
    assertTrue(b.mustJoin());
    assertEquals(List.of(a.raftId()), b.initialMembers(), "same initial members everywhere");
    assertEquals(a.groupName(), b.groupName());
    assertTrue(a.groupName().startsWith("c-"));
    assertEquals(b, decide("b"), "a restart keeps name and group");
  }

  @Test
  void aNewcomerFailsAtOnceWhenNoMemberRunsAndSaysWhatToDo() throws Exception {
    decide("a");
    try (AutoCloseable runningA = running("a")) {
      decide("b");
    }
    long t0 = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> decide("c"));
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    assertEquals("cluster 'c' (named in " + tmp.resolve("discovery").resolve("c.bootstrap") + ") has no running member:"
        + " /run/a.sock, /run/b.sock are stopped. To join it, start one of them again (vineyardd --socket /run/a.sock, say);"
        + " or pass --cluster NAME to start a new cluster", e.getMessage());
    try (DataDir c = DataDir.lock(tmp.resolve("c"))) {
      assertEquals(new java.util.Properties(), c.cluster(), "the newcomer's data dir knows no cluster");
    }
    try (AutoCloseable runningB = running("b")) {
      assertTrue(decide("c").mustJoin(), "joins while a member runs");
    }
  }

  @Test
  void aWipedDiscoveryFolderNeitherLosesNorMixesGroups() throws Exception {
    Bootstrap a = decide("a");
    Files.delete(tmp.resolve("discovery").resolve("c.bootstrap"));
    assertEquals(a, decide("a"), "the data dir remembers its group, and tells the folder again");
    try (AutoCloseable runningA = running("a")) {
      assertEquals(a.groupName(), decide("b").groupName());
    }
  }

  @Test
  void aGroupFoundedAfterAWipeHasAnotherJGroupsNameAndTheOldOneIsNotMerged() throws Exception {
    Bootstrap a = decide("a");
    Files.delete(tmp.resolve("discovery").resolve("c.bootstrap"));
    Bootstrap fresh;
    try (AutoCloseable runningFresh = running("fresh")) {
      fresh = decide("fresh2");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> decide("a"));
      assertTrue(e.getMessage().startsWith("data dir " + tmp.resolve("a") + " holds the metadata of cluster 'c' as it was"
          + " before " + tmp.resolve("discovery").resolve("c.bootstrap") + " named another cluster of that name (epoch "), e.getMessage());
      assertTrue(e.getMessage().contains("running: /run/fresh.sock; this data dir's epoch is " + a.groupName().substring(2)
          + "). The two are not merged: to serve this data dir's metadata, start it with another --cluster NAME"), e.getMessage());
    }
    assertFalse(decide("fresh").mustJoin());
    assertNotEquals(a.groupName(), fresh.groupName());
  }

  @Test
  void peersAreAFixedGroupNamedByAddress() throws Exception {
    ClusterSettings s = new ClusterSettings("c", "127.0.0.1", 7800, List.of("127.0.0.1:7800", "127.0.0.1:7801"), null,
        tmp.resolve("p"), "", null);
    try (DataDir dir = DataDir.lock(s.dataDir())) {
      Bootstrap b = Bootstrap.decide(s, dir, null);
      assertEquals("127.0.0.1:7800", b.raftId());
      assertEquals(List.of("127.0.0.1:7800", "127.0.0.1:7801"), b.initialMembers());
      assertFalse(b.mustJoin());
    }
    ClusterSettings moved = new ClusterSettings("c", "127.0.0.1", 7802, List.of("127.0.0.1:7801"), null, tmp.resolve("p"), "", null);
    try (DataDir dir = DataDir.lock(moved.dataDir())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Bootstrap.decide(moved, dir, null));
      assertTrue(e.getMessage().contains("belongs to Raft member 127.0.0.1:7800"), e.getMessage());
    }
  }

  @Test
  void aDataDirIsUsedByOneRuntimeAtATime() throws Exception {
    try (DataDir dir = DataDir.lock(tmp.resolve("d"))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDir.lock(tmp.resolve("d")));
      assertEquals("data dir " + tmp.resolve("d") + " is in use by another runtime (pid " + ProcessHandle.current().pid()
          + "): stop it, or give this runtime its own --data-dir", e.getMessage());
      assertTrue(lockedByAnotherProcess(tmp.resolve("d").resolve("lock")), "the refusal kept the holder's lock");
    }
    DataDir.lock(tmp.resolve("d")).close(); // free again
  }

  /** Whether a process other than this one would find the file locked (asks a child JVM). */
  static boolean lockedByAnotherProcess(Path file) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path probe = file.resolveSibling("Probe.java");
    Files.writeString(probe, """
        public class Probe {
          public static void main(String[] a) throws Exception {
            try (var ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]), java.nio.file.StandardOpenOption.WRITE)) {
              System.exit(ch.tryLock() == null ? 1 : 0);
            }
          }
        }
        """);
    Process p = new ProcessBuilder(java.toString(), probe.toString(), file.toString()).inheritIO().start();
    try {
      return p.waitFor() == 1;
    } finally {
      Files.delete(probe);
    }
  }
}
