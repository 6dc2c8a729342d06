package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.meta.raft.MetadataCommand.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication of the metadata state machine, deterministic (jgroups-raft's testfwk, no sockets).
 */
class MetadataReplicationTest {
  private static final ObjectId PAIR = ObjectId.of(0x0000_0001_0000_1001L);
  private static final ObjectId FIRST = ObjectId.of(0x0000_0001_0000_1002L);
  private static final ObjectId BLOB = ObjectId.of(0x8000_0001_0000_1003L);

  @TempDir Path dir;
  MockMetadataCluster c;

  @BeforeEach
  void start() throws Exception {
    c = new MockMetadataCluster(dir, "A", "B", "C");
    c.start("A");
    c.start("B");
    c.start("C");
    c.elect("A", 1, "A", "B", "C");
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  static ObjectMeta.Builder tree(ObjectId id, String typename) {
    return ObjectMeta.builder(typename).id(id).instanceId(1).put("transient", false);
  }

  static ObjectMeta pair() {
    ObjectMeta blob = tree(BLOB, "vineyard::Blob").put("transient", true).build();
    ObjectMeta first = tree(FIRST, "vineyard::Array<int>").member("buffer_", blob).build();
    return tree(PAIR, "vineyard::Pair").member("first_", first).build();
  }

  private MockMetadataCluster.Member m(String name) {
    return c.members.get(name);
  }

  @Test
  void aPersistIsAppliedOnEveryReplicaInOneEntry() throws Exception {
    ObjectMeta pair = pair();
    Outcome o =
        c.commit(
            "A", new MetadataCommand.Persist(List.of(pair.member("first_").orElseThrow(), pair)));
    assertTrue(o.ok());
    assertEquals(1, o.version());
    for (String n : List.of("A", "B", "C")) {
      GlobalView v = m(n).view();
      assertEquals(Optional.of(pair), v.get(PAIR), n);
      assertTrue(v.contains(FIRST), n);
      assertEquals(Set.of(PAIR), v.referrers(FIRST), n);
      assertEquals(1, m(n).machine.version(), n);
    }
    assertEquals(1, m("A").raft.commitIndex(), "one log entry for the tree and its member");
  }

  @Test
  void namesFollowTheirObjectsAndDeletesDropThem() throws Exception {
    c.commit("A", new MetadataCommand.Persist(List.of(pair())));
    assertTrue(c.commit("A", new MetadataCommand.PutName("p", PAIR)).ok());
    assertFalse(
        c.commit("A", new MetadataCommand.PutName("q", FIRST)).ok(), "no such global object");
    for (String n : List.of("A", "B", "C")) {
      assertEquals(Optional.of(PAIR), m(n).view().name("p"), n);
      assertEquals("p", m(n).view().get(PAIR).orElseThrow().string("__name").orElseThrow(), n);
    }
    assertTrue(c.commit("A", new MetadataCommand.Delete(PAIR)).ok());
    assertFalse(c.commit("A", new MetadataCommand.Delete(PAIR)).ok(), "deleted already");
    for (String n : List.of("A", "B", "C")) {
      assertFalse(m(n).view().contains(PAIR), n);
      assertEquals(Optional.empty(), m(n).view().name("p"), n);
    }
    assertTrue(c.commit("A", new MetadataCommand.Persist(List.of(pair()))).ok());
    c.commit("A", new MetadataCommand.PutName("p", PAIR));
    assertTrue(c.commit("A", new MetadataCommand.DropName("p")).ok());
    assertFalse(c.commit("A", new MetadataCommand.DropName("p")).ok());
    assertFalse(m("C").view().get(PAIR).orElseThrow().has("__name"));
  }

  @Test
  void labelsAreMergedOnEveryReplicaAndKeptInSnapshots() throws Exception {
    c.commit("A", new MetadataCommand.Persist(List.of(pair())));
    assertTrue(c.commit("A", new MetadataCommand.Label(PAIR, Map.of("a", "1", "b", "2"))).ok());
    assertTrue(
        c.commit("A", new MetadataCommand.Label(PAIR, Map.of("b", "3", "long", "x".repeat(70_000))))
            .ok());
    assertFalse(
        c.commit("A", new MetadataCommand.Label(ObjectId.of(77), Map.of("a", "1"))).ok(),
        "no such global object");
    for (String n : List.of("A", "B", "C")) {
      Map<String, String> labels = m(n).view().get(PAIR).orElseThrow().labels();
      assertEquals("1", labels.get("a"), n);
      assertEquals("3", labels.get("b"), n);
      assertEquals(70_000, labels.get("long").length(), n);
      assertEquals(4, m(n).machine.version(), n);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m("B").machine.writeContentTo(new DataOutputStream(bytes));
    MetadataStateMachine copy = new MetadataStateMachine();
    copy.readContentFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(m("A").view().get(PAIR), new GlobalView(copy).get(PAIR));
  }

  @Test
  void aLabelCommandRoundTripsItsBinaryForm() throws Exception {
    MetadataCommand.Label l = new MetadataCommand.Label(PAIR, Map.of("k", "v", "ü", ""));
    byte[] b = l.encode();
    assertEquals(MetadataCommand.LABEL, b[0]);
    assertEquals(l, MetadataCommand.decode(b, 0, b.length));
    byte[] name = new MetadataCommand.PutName("p", PAIR).encode();
    assertEquals(
        new MetadataCommand.PutName("p", PAIR),
        MetadataCommand.decode(name, 0, name.length),
        "older codes read as before");
  }

  @Test
  void theInstanceCounterHandsOutEachIdOnceAndKeepsARuntimesId() throws Exception {
    assertEquals(
        0, c.commit("A", new MetadataCommand.Register("vy-a", -1, "/a.sock", "h", 1)).value());
    assertEquals(
        1, c.commit("A", new MetadataCommand.Register("vy-b", -1, "/b.sock", "h", 2)).value());
    assertEquals(
        0,
        c.commit("A", new MetadataCommand.Register("vy-a", -1, "/a2.sock", "h", 3)).value(),
        "same runtime, same ID");
    assertEquals(
        2, c.commit("A", new MetadataCommand.Register("vy-c", -1, "/c.sock", "h", 4)).value());
    for (String n : List.of("A", "B", "C")) {
      List<InstanceRecord> r = m(n).view().instances();
      assertEquals(3, r.size(), n);
      assertEquals("/a2.sock", r.get(0).socket(), n);
    }
  }

  @Test
  void aSnapshotRoundTripsTheWholeState() throws Exception {
    c.commit("A", new MetadataCommand.Persist(List.of(pair())));
    c.commit("A", new MetadataCommand.PutName("p", PAIR));
    c.commit("A", new MetadataCommand.Register("vy-a", -1, "/a.sock", "h", 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    m("A").machine.writeContentTo(new DataOutputStream(bytes));
    MetadataStateMachine copy = new MetadataStateMachine();
    copy.readContentFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    GlobalView v = new GlobalView(copy);
    assertEquals(m("A").view().get(PAIR), v.get(PAIR));
    assertEquals(Optional.of(PAIR), v.name("p"));
    assertEquals(Set.of(PAIR), v.referrers(FIRST));
    assertEquals(1, v.instances().size());
    assertEquals(3, copy.version());
    assertEquals(1, copy.read(GlobalMetadata::nextInstanceId));
  }

  @Test
  void aMemberFarBehindGetsTheLeadersSnapshot() throws Exception {
    c.stop("C");
    c.elect("A", 2, "A", "B");
    c.commit("A", new MetadataCommand.Persist(List.of(pair())));
    c.commit("A", new MetadataCommand.PutName("p", PAIR));
    m("A").raft.snapshot(); // the leader's log now starts after everything C is missing
    assertEquals(2, m("A").raft.log().firstAppended());

    c.start("C");
    c.elect("A", 3, "A", "B", "C");
    m("A").raft.flushCommitTable(m("C").address); // learns C's position
    m("A").raft.flushCommitTable(m("C").address); // C is behind the log's head: snapshot
    c.commit("A", new MetadataCommand.Register("vy-c", -1, "/c.sock", "h", 1));
    assertEquals(Optional.of(PAIR), m("C").view().name("p"));
    assertEquals(m("A").view().get(PAIR), m("C").view().get(PAIR));
    assertEquals(3, m("C").machine.version());
    assertEquals(1, m("C").view().instances().size());
  }

  @Test
  void aRestartedReplicaReloadsSnapshotAndLogFromItsFile() throws Exception {
    c.commit("A", new MetadataCommand.Persist(List.of(pair())));
    m("B").raft.snapshot();
    c.commit("A", new MetadataCommand.PutName("p", PAIR));
    c.commit("A", new MetadataCommand.Register("vy-b", -1, "/b.sock", "h", 1));
    c.stop("B");
    c.elect("A", 2, "A", "C");
    c.commit("A", new MetadataCommand.DropName("p")); // committed without B

    MockMetadataCluster.Member b = c.start("B"); // fresh replica over the same MapDB file
    assertTrue(b.view().contains(PAIR), "from the snapshot");
    assertEquals(Optional.of(PAIR), b.view().name("p"), "from the log after the snapshot");
    assertEquals(3, b.machine.version());
    c.elect("A", 3, "A", "B", "C");
    m("A").raft.flushCommitTable(b.address);
    m("A").raft.flushCommitTable(b.address);
    assertEquals(Optional.empty(), b.view().name("p"), "caught up from the leader");
    assertEquals(4, b.machine.version());
  }

  @Test
  void theVersionQueryIsAnsweredWithoutALogEntry() throws Exception {
    c.commit("A", new MetadataCommand.Persist(List.of(pair())));
    long before = m("A").raft.lastAppended();
    byte[] q = new MetadataCommand.Version().encode();
    Outcome o = Outcome.decode(m("A").raft.getAsync(q, 0, q.length, null).get());
    assertEquals(1, o.version());
    assertEquals(before, m("A").raft.lastAppended());
  }
}
