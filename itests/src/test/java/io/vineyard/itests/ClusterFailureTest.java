package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ClusterInstance;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.array.ArrayObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Failures in a cluster of three runtime processes, each on a fixed Raft port, all with {@code
 * --commit-timeout 3s}. One cluster serves every test, so they run in order from the harmless to
 * the destructive: a second runtime on a data folder in use; garbage on the Raft ports; kill -9 and
 * restart of the leader; and last, two of three killed (the survivor goes on alone: the embedded
 * cluster follows the runtimes that run).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailureTest {
  static RuntimeCluster cluster;
  static final int[] PORTS = new int[3];

  @BeforeAll
  static void start() throws Exception {
    for (int i = 0; i < 3; i++) {
      PORTS[i] = freePort();
    }
    cluster =
        RuntimeCluster.start(
            3,
            "32M",
            i -> new String[] {"--commit-timeout", "3s", "--bind", "127.0.0.1:" + PORTS[i]});
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A port nobody listens on now, nor on the port FD_SOCK2 takes beside it (+100). */
  static int freePort() throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = s.getLocalPort();
        if (port + 100 < 65536) {
          try (ServerSocket beside =
              new ServerSocket(port + 100, 1, InetAddress.getLoopbackAddress())) {
            return port;
          } catch (IOException taken) {
            // try another
          }
        }
      }
    }
  }

  static VineyardClient connect(int i) {
    return Vineyard.connect(cluster.get(i).socket);
  }

  static ObjectId persisted(VineyardClient c, double value) {
    ObjectId id = c.put(new double[] {value});
    c.persist(id);
    return id;
  }

  @Test
  @Order(1)
  void aSecondRuntimeOnADataFolderInUseExitsNamingIt() throws Exception {
    RuntimeProcess holder = cluster.get(0);
    try (RuntimeProcess second =
        RuntimeProcess.launch(
            "32M",
            cluster.discoveryDir,
            "--commit-timeout",
            "3s",
            "--data-dir",
            holder.dataDir.toString())) {
      int status = second.awaitExit(60);
      String log = Files.readString(second.log);
      assertTrue(status > 0, "exit status " + status + "; its log:\n" + log);
      assertTrue(
          log.contains(holder.dataDir.toString()),
          "the message names the data folder; its log:\n" + log);
      assertTrue(log.contains("in use"), log);
    }
    try (VineyardClient c = connect(0)) {
      assertTrue(holder.process.isAlive());
      assertEquals(3, c.clusterMeta().size());
      persisted(c, 1); // the holder still commits
    }
  }

  @Test
  @Order(2)
  void garbageOnTheRaftPortsDoesNotDisturbTheCluster() throws Exception {
    Random random = new Random(42);
    for (int port : PORTS) {
      for (int size : new int[] {1, 7, 64 * 1024}) {
        byte[] junk = new byte[size];
        random.nextBytes(junk);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          OutputStream out = s.getOutputStream();
          out.write(junk);
          out.flush();
        } catch (IOException e) {
          // the runtime may close on us half-way through 64 KiB: that is its right
        }
      }
    }
    try (VineyardClient a = connect(0);
        VineyardClient b = connect(1);
        VineyardClient c = connect(2)) {
      ObjectId id = persisted(a, 2);
      assertEquals(1, b.getObject(id, ArrayObject.class).size());
      ObjectId other = persisted(c, 3);
      assertEquals(1, a.getObject(other, ArrayObject.class).size());
      for (VineyardClient client : List.of(a, b, c)) {
        assertEquals(3, reachable(client), client.status().metadata().toString());
      }
    }
    for (RuntimeProcess rt : cluster.all()) {
      assertTrue(rt.process.isAlive());
    }
  }

  /** How many Raft members a status names (the wire carries the list as text). */
  static int members(Map<String, Object> status) {
    return status.get("members").toString().split(",").length;
  }

  static int reachable(VineyardClient c) {
    return c.status().metadata().get("reachable_members").toString().split(",").length;
  }

  @Test
  @Order(3)
  void theLeaderKilledAndRestartedComesBackAsItselfAndCatchesUp() throws Exception {
    int leader = -1;
    long leaderId = -1;
    String leaderRaftId = null;
    for (int i = 0; i < 3; i++) {
      try (VineyardClient c = connect(i)) {
        Map<String, Object> m = c.status().metadata();
        if ("Leader".equals(m.get("role"))) {
          leader = i;
          leaderId = c.instanceId();
          leaderRaftId = (String) m.get("raft_id");
        }
      }
    }
    assertTrue(leader >= 0, "one of the three leads");
    int s1 = (leader + 1) % 3;
    int s2 = (leader + 2) % 3;
    RuntimeProcess killed = cluster.get(leader);

    Map<ObjectId, String> before = new LinkedHashMap<>();
    try (VineyardClient c = connect(leader)) {
      ObjectId id = persisted(c, 4);
      c.putName(id, "failure-test/before");
      before.put(id, "failure-test/before");
    }

    killed.kill();
    List<ObjectId> whileDown = new ArrayList<>();
    try (VineyardClient a = connect(s1);
        VineyardClient b = connect(s2)) {
      String dead = leaderRaftId;
      cluster
          .get(s1)
          .await(
              "no new leader among the two left",
              () -> {
                Object l = a.status().metadata().get("leader");
                return l != null && !l.toString().isEmpty() && !dead.equals(l);
              });
      for (int i = 0; i < 3; i++) {
        ObjectId onA = persisted(a, 10 + i);
        ObjectId onB = persisted(b, 20 + i);
        assertEquals(1, b.getObject(onA, ArrayObject.class).size());
        assertEquals(1, a.getObject(onB, ArrayObject.class).size());
        whileDown.add(onA);
        whileDown.add(onB);
      }
      a.putName(whileDown.getFirst(), "failure-test/while-down");
      assertEquals(2, reachable(a), a.status().metadata().toString());
    }

    killed.restart();
    try (VineyardClient back = connect(leader)) {
      assertEquals(leaderId, back.instanceId(), "the same instance id after the restart");
      assertEquals(leaderId, back.status().instanceId());
      // its shared memory outlived it: its objects are back, payload included, and so are their
      // names
      for (ObjectId id : before.keySet()) {
        assertFalse(back.getMeta(id, true).isTransient(), id.toString());
        assertEquals(id, back.getName(before.get(id), false));
        assertEquals(4.0, back.getObject(id, ArrayObject.class).asDoubleBuffer().get(0));
      }
      for (ObjectId id : whileDown) {
        assertEquals(
            "vineyard::Array<double>",
            back.getMeta(id, true).typename(),
            "committed while it was down: " + id);
        assertTrue(back.isPersisted(id), id.toString());
      }
      assertEquals(whileDown.getFirst(), back.getName("failure-test/while-down", false));
      long id = leaderId;
      killed.await(
          "the restarted instance is not listed as running with its socket",
          () -> {
            for (ClusterInstance i : back.clusterMeta()) {
              if (i.instanceId() == id) {
                return "running".equals(i.status())
                    && i.ipcSocket().equals(killed.socket.toString());
              }
            }
            return false;
          });
      assertEquals(3, back.clusterMeta().size(), back.clusterMeta().toString());
      ObjectId after = persisted(back, 5); // a member again: it commits
      try (VineyardClient other = connect(s1)) {
        assertEquals(1, other.getObject(after, ArrayObject.class).size());
      }
    }
  }

  @Test
  @Order(4)
  void withTwoOfThreeKilledTheSurvivorGoesOnAlone() throws Exception {
    cluster.get(1).kill();
    cluster.get(2).kill();
    try (VineyardClient last = connect(0)) {
      ObjectId id = last.put(new double[] {6});
      long t0 = System.nanoTime();
      last.persist(id);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("persist with 1 of 3 running (two killed just before): " + ms + " ms");
      assertTrue(last.isPersisted(id));
      assertEquals(1, members(last.status().metadata()), last.status().metadata().toString());
    }
  }
}
