package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jgroups.Address;
import org.jgroups.protocols.raft.LogEntries;
import org.jgroups.protocols.raft.LogEntry;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapDbLogTest {
  @TempDir Path dir;

  private static LogEntry entry(long term, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return new LogEntry(term, b, 0, b.length);
  }

  private static String text(LogEntry e) {
    return new String(e.command(), e.offset(), e.length(), StandardCharsets.UTF_8);
  }

  private static LogEntries entries(long term, String... texts) {
    LogEntries out = new LogEntries();
    for (String t : texts) {
      out.add(entry(term, t));
    }
    return out;
  }

  @Test
  void appendsAndReadsEntries() throws Exception {
    try (MapDbLog log = MapDbLog.open(dir.resolve("log.db"))) {
      assertEquals(0, log.lastAppended());
      assertNull(log.get(1));
      assertEquals(3, log.append(1, entries(1, "a", "b", "c")));
      assertEquals(5, log.append(4, entries(2, "d", "e")));
      assertEquals("a", text(log.get(1)));
      assertEquals("e", text(log.get(5)));
      assertEquals(2, log.get(5).term());
      assertEquals(2, log.currentTerm());
      assertNull(log.get(6));
      assertNull(log.get(0));
      assertEquals(5, log.size());
      assertEquals(5, log.sizeInBytes());
      List<Long> seen = new ArrayList<>();
      log.forEach((e, i) -> seen.add(i), 2, 4);
      assertEquals(List.of(2L, 3L, 4L), seen);
    }
  }

  @Test
  void appendOverwritesTheTail() throws Exception {
    try (MapDbLog log = MapDbLog.open(dir.resolve("log.db"))) {
      log.append(1, entries(1, "a", "b", "c", "d"));
      log.append(2, entries(3, "x"));
      assertEquals(2, log.lastAppended());
      assertEquals("x", text(log.get(2)));
      assertNull(log.get(3));
    }
  }

  @Test
  void truncateKeepsTheHeadEntryAndStopsAtTheCommitIndex() throws Exception {
    try (MapDbLog log = MapDbLog.open(dir.resolve("log.db"))) {
      log.append(1, entries(1, "a", "b", "c", "d", "e"));
      log.commitIndex(3);
      log.truncate(5); // beyond the commit index: only up to 3
      assertEquals(3, log.firstAppended());
      assertNull(log.get(2));
      assertEquals("c", text(log.get(3)));
      assertEquals("e", text(log.get(5)));
      assertEquals(3, log.size());
      List<Long> seen = new ArrayList<>();
      log.forEach((e, i) -> seen.add(i));
      assertEquals(List.of(3L, 4L, 5L), seen);
    }
  }

  @Test
  void deleteFromAnIndexDropsTheRestButNotTheTerm() throws Exception {
    try (MapDbLog log = MapDbLog.open(dir.resolve("log.db"))) {
      log.append(1, entries(1, "a", "b"));
      log.append(3, entries(2, "c", "d"));
      log.commitIndex(2);
      log.deleteAllEntriesStartingFrom(3);
      assertEquals(2, log.lastAppended());
      assertNull(log.get(3));
      assertEquals(2, log.currentTerm(), "the term never goes back");
      assertEquals(3, log.append(3, entries(4, "z")));
    }
  }

  @Test
  void reinitializeAfterASnapshotStartsAFreshLog() throws Exception {
    try (MapDbLog log = MapDbLog.open(dir.resolve("log.db"))) {
      log.append(1, entries(1, "a", "b"));
      log.setSnapshot(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      log.reinitializeTo(10, new LogEntry(7, null));
      assertEquals(10, log.firstAppended());
      assertEquals(10, log.lastAppended());
      assertEquals(10, log.commitIndex());
      assertEquals(7, log.currentTerm());
      assertNull(log.get(1));
      assertNull(log.get(10).command());
      assertEquals(7, log.get(10).term());
      assertEquals(11, log.append(11, entries(7, "k")));
    }
  }

  @Test
  void everythingSurvivesAReopen() throws Exception {
    Path file = dir.resolve("log.db");
    Address me = ExtendedUUID.randomUUID("A").put(RAFT.raft_id_key, Util.stringToBytes("A"));
    try (MapDbLog log = MapDbLog.open(file)) {
      log.append(1, entries(3, "a", "b", "c", "d"));
      log.currentTerm(5);
      log.votedFor(me);
      log.commitIndex(3);
      log.setSnapshot(ByteBuffer.wrap("state".getBytes(StandardCharsets.UTF_8)));
      log.truncate(2);
    }
    try (MapDbLog log = MapDbLog.open(file)) {
      assertEquals(2, log.firstAppended());
      assertEquals(4, log.lastAppended());
      assertEquals(3, log.commitIndex());
      assertEquals(5, log.currentTerm());
      assertEquals(me, log.votedFor());
      assertEquals("d", text(log.get(4)));
      ByteBuffer sn = log.getSnapshot();
      assertNotNull(sn);
      byte[] b = new byte[sn.remaining()];
      sn.get(b);
      assertArrayEquals("state".getBytes(StandardCharsets.UTF_8), b);
      log.votedFor(null);
    }
    try (MapDbLog log = MapDbLog.open(file)) {
      assertNull(log.votedFor());
    }
  }

  /** A crash (simulated: the store drops what it was not told to commit) keeps every append. */
  @Test
  void appendsSurviveACrashBeforeTheStoreCommits() throws Exception {
    Path file = dir.resolve("log.db");
    MapDbLog log = MapDbLog.open(file);
    log.append(1, entries(1, "a", "b"));
    log.append(3, entries(2, "c"));
    log.append(2, entries(3, "B")); // overwrites b and drops c
    dropUncommitted(log);
    log.close();
    try (MapDbLog reopened = MapDbLog.open(file)) {
      assertEquals(2, reopened.lastAppended());
      assertEquals("a", text(reopened.get(1)));
      assertEquals("B", text(reopened.get(2)));
      assertNull(reopened.get(3));
      assertEquals(3, reopened.currentTerm());
    }
  }

  @Test
  void aTornBatchAtTheEndOfTheTailIsDropped() throws Exception {
    Path file = dir.resolve("log.db");
    MapDbLog log = MapDbLog.open(file);
    log.append(1, entries(1, "a"));
    log.append(2, entries(1, "b", "c"));
    dropUncommitted(log);
    log.close();
    Path tail = Path.of(file + MapDbLog.Tail.SUFFIX);
    byte[] bytes = Files.readAllBytes(tail);
    Files.write(tail, java.util.Arrays.copyOf(bytes, bytes.length - 3)); // "c" half written
    try (MapDbLog reopened = MapDbLog.open(file)) {
      assertEquals(1, reopened.lastAppended()); // b went with c: the batch was never acknowledged
      assertEquals("a", text(reopened.get(1)));
      assertEquals(0, Files.size(tail));
    }
  }

  /** Records the store already has when it commits a deletion never bring deleted entries back. */
  @Test
  void aTailLeftBehindByACheckpointIsIgnored() throws Exception {
    Path file = dir.resolve("log.db");
    Path tail = Path.of(file + MapDbLog.Tail.SUFFIX);
    MapDbLog log = MapDbLog.open(file);
    log.append(1, entries(1, "a", "b", "c"));
    byte[] before = Files.readAllBytes(tail);
    log.deleteAllEntriesStartingFrom(2); // commits the store, then empties the tail
    log.close();
    Files.write(tail, before); // as if the crash came between the commit and the emptying
    try (MapDbLog reopened = MapDbLog.open(file)) {
      assertEquals(1, reopened.lastAppended());
      assertNull(reopened.get(2));
    }
  }

  private static void dropUncommitted(MapDbLog log) throws Exception {
    var db = MapDbLog.class.getDeclaredField("db");
    db.setAccessible(true);
    ((org.mapdb.DB) db.get(log)).rollback();
  }

  @Test
  void aSnapshotIsOnlyDurableWithTheTruncationThatFollowsIt() throws Exception {
    Path file = dir.resolve("log.db");
    MapDbLog log = MapDbLog.open(file);
    log.append(1, entries(1, "a", "b"));
    log.commitIndex(2);
    log.setSnapshot(ByteBuffer.wrap(new byte[] {9}));
    // a crash now (simulated: the store is dropped without commit) must not keep the snapshot
    // beside the entries it covers, or a restart would apply them twice
    var db = MapDbLog.class.getDeclaredField("db");
    db.setAccessible(true);
    ((org.mapdb.DB) db.get(log)).rollback();
    log.close();
    try (MapDbLog reopened = MapDbLog.open(file)) {
      assertNull(reopened.getSnapshot());
      assertEquals(2, reopened.lastAppended());
    }
  }

  @Test
  void worksAsRaftLogClassAndDeletesItsFiles() throws Exception {
    MapDbLog log = new MapDbLog();
    Path file = dir.resolve("sub").resolve("A.log");
    log.init(file.toString(), null);
    log.append(1, entries(1, "a"));
    assertTrue(Files.exists(file));
    log.delete();
    try (var files = Files.list(dir.resolve("sub"))) {
      assertFalse(files.findAny().isPresent());
    }
  }
}
