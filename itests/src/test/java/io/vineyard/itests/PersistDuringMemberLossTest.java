package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four clients persist in a loop through two of three runtimes while the third is killed (the Raft
 * leader, then, after it is back, a follower): a change in flight when its leader dies goes to the
 * next leader, nothing acknowledged is lost, and no call fails while a majority runs. Prints the
 * longest call and the time until the cluster had a new leader.
 */
class PersistDuringMemberLossTest {
  static RuntimeCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = RuntimeCluster.start(3, "64M");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, Object> status(int i) {
    try (VineyardClient c = Vineyard.connect(cluster.get(i).socket)) {
      return c.status().metadata();
    }
  }

  private static int leader() {
    for (int i = 0; i < 3; i++) {
      if ("Leader".equals(status(i).get("role"))) {
        return i;
      }
    }
    return -1;
  }

  /** Clients on {@code through}, persisting until told to stop. */
  private static final class Load {
    final ConcurrentLinkedQueue<ObjectId> acknowledged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong longest = new AtomicLong();
    final AtomicBoolean running = new AtomicBoolean(true);
    final List<Thread> threads = new ArrayList<>();

    Load(int... through) {
      for (int c = 0; c < 4; c++) {
        RuntimeProcess rt = cluster.get(through[c % through.length]);
        threads.add(
            Thread.ofPlatform()
                .name("persist-client-" + c)
                .start(
                    () -> {
                      try (VineyardClient client = Vineyard.connect(rt.socket)) {
                        double v = 0;
                        while (running.get()) {
                          ObjectId id = client.put(new double[] {v++});
                          long t0 = System.nanoTime();
                          try {
                            client.persist(id);
                            acknowledged.add(id);
                          } catch (RuntimeException e) {
                            failures.add(e.getMessage());
                          }
                          longest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                        }
                      }
                    }));
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(30_000);
      }
    }
  }

  private static void killDuringLoad(int victim, int[] through, String what) throws Exception {
    Load load = new Load(through);
    Thread.sleep(1500);
    int before = load.acknowledged.size();
    String dead = (String) status(victim).get("raft_id");
    long killedAt = System.nanoTime();
    cluster.get(victim).kill();
    long settled = -1;
    while (System.nanoTime() - killedAt < 20_000_000_000L) {
      Map<String, Object> s = status(through[0]);
      Object l = s.get("leader");
      if (l != null
          && !l.toString().isEmpty()
          && !l.equals(dead)
          && !s.get("members").toString().contains(dead)) {
        settled = (System.nanoTime() - killedAt) / 1_000_000;
        break;
      }
      Thread.sleep(5);
    }
    Thread.sleep(2000);
    load.stop();
    System.out.printf(
        "member loss (%s killed): %d persists acknowledged (%d before the kill), %d failed, longest call"
            + " %d ms, the two survivors had a leader and had removed the dead member after %d ms%n",
        what,
        load.acknowledged.size(),
        before,
        load.failures.size(),
        load.longest.get() / 1_000_000,
        settled);
    assertEquals(List.of(), List.copyOf(load.failures), "no call fails while a majority runs");
    assertTrue(load.acknowledged.size() > before, "persists went on after the kill");
    for (int i : through) {
      try (VineyardClient c = Vineyard.connect(cluster.get(i).socket)) {
        for (ObjectId id : load.acknowledged) {
          assertTrue(c.isPersisted(id), id + " on " + cluster.get(i).socket);
        }
      }
    }
    cluster.get(victim).restart();
    try (VineyardClient c = Vineyard.connect(cluster.get(victim).socket)) {
      for (ObjectId id : load.acknowledged) {
        assertFalse(c.getMeta(id, true).isTransient(), id + " on the restarted runtime");
      }
    }
  }

  @Test
  void thePersistsInFlightWhenTheLeaderThenAFollowerDiesGoToTheNextLeader() throws Exception {
    int leader = leader();
    assertTrue(leader >= 0, "one of the three leads");
    int[] others = {(leader + 1) % 3, (leader + 2) % 3};
    killDuringLoad(leader, others, "the leader");

    int now = leader();
    assertTrue(now >= 0, "a leader again");
    int follower = now == others[0] ? others[1] : others[0];
    int third = 3 - now - follower;
    killDuringLoad(follower, new int[] {now, third}, "a follower");
  }
}
