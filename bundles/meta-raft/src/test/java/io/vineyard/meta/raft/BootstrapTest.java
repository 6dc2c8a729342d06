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

  private Bootstrap decide(String data) throws Exception {
    ClusterSettings s = ClusterSettings.embedded("c", tmp.resolve("discovery"), tmp.resolve(data), "", Duration.ofSeconds(1));
    try (DataDir dir = DataDir.lock(s.dataDir())) {
      return Bootstrap.decide(s, dir);
    }
  }

  @Test
  void theFirstRuntimeFoundsTheGroupAndLaterOnesJoinIt() throws Exception {
    Bootstrap a = decide("a");
    assertFalse(a.mustJoin());
    assertEquals(List.of(a.raftId()), a.initialMembers());
    Bootstrap b = decide("b");
    assertTrue(b.mustJoin());
    assertEquals(List.of(a.raftId()), b.initialMembers(), "same initial members everywhere");
    assertEquals(a.groupName(), b.groupName());
    assertTrue(a.groupName().startsWith("c-"));
    assertEquals(b, decide("b"), "a restart keeps name and group");
  }

  @Test
  void aWipedDiscoveryFolderNeitherLosesNorMixesGroups() throws Exception {
    Bootstrap a = decide("a");
    Files.delete(tmp.resolve("discovery").resolve("c.bootstrap"));
    assertEquals(a, decide("a"), "the data dir remembers its group, and tells the folder again");
    assertEquals(a.groupName(), decide("b").groupName());
  }

  @Test
  void aGroupFoundedAfterAWipeHasAnotherJGroupsName() throws Exception {
    Bootstrap a = decide("a");
    Files.delete(tmp.resolve("discovery").resolve("c.bootstrap"));
    Bootstrap fresh = decide("fresh");
    assertFalse(fresh.mustJoin());
    assertNotEquals(a.groupName(), fresh.groupName());
  }

  @Test
  void peersAreAFixedGroupNamedByAddress() throws Exception {
    ClusterSettings s = new ClusterSettings("c", "127.0.0.1", 7800, List.of("127.0.0.1:7800", "127.0.0.1:7801"), null,
        tmp.resolve("p"), "", null);
    try (DataDir dir = DataDir.lock(s.dataDir())) {
      Bootstrap b = Bootstrap.decide(s, dir);
      assertEquals("127.0.0.1:7800", b.raftId());
      assertEquals(List.of("127.0.0.1:7800", "127.0.0.1:7801"), b.initialMembers());
      assertFalse(b.mustJoin());
    }
    ClusterSettings moved = new ClusterSettings("c", "127.0.0.1", 7802, List.of("127.0.0.1:7801"), null, tmp.resolve("p"), "", null);
    try (DataDir dir = DataDir.lock(moved.dataDir())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Bootstrap.decide(moved, dir));
      assertTrue(e.getMessage().contains("belongs to Raft member 127.0.0.1:7800"), e.getMessage());
    }
  }

  @Test
  void aDataDirIsUsedByOneRuntimeAtATime() throws Exception {
    try (DataDir dir = DataDir.lock(tmp.resolve("d"))) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDir.lock(tmp.resolve("d")));
      assertTrue(e.getMessage().startsWith("data dir " + tmp.resolve("d") + " is in use by another runtime (pid "
          + ProcessHandle.current().pid() + ")"), e.getMessage());
    }
    DataDir.lock(tmp.resolve("d")).close(); // free again
  }
}
