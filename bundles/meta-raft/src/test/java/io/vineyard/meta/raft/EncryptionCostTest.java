package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectMeta;
import io.vineyard.meta.IdGenerator;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What encrypting the transport costs a persist: two groups of three members on loopback, one with
 * the cluster key and one in plaintext (possible only here), persisting in alternating rounds so
 * that both see the same machine. Prints the medians; asserts only that both commit.
 */
class EncryptionCostTest {
  @TempDir Path tmp;

  private List<RaftGroup> group(String name, SecretKey key) throws Exception {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      try (ServerSocket s = new ServerSocket(0)) {
        ports.add(s.getLocalPort());
      }
    }
    List<String> peers = ports.stream().map(p -> "127.0.0.1:" + p).toList();
    List<RaftGroup> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ClusterSettings s =
          new ClusterSettings(
              name,
              "127.0.0.1",
              ports.get(i),
              peers,
              null,
              tmp.resolve(name + i),
              "",
              Duration.ofSeconds(5),
              tmp.resolve("unused.key"));
      Path dir = Files.createDirectories(s.dataDir());
      out.add(
          RaftGroup.connect(
              s,
              Bootstrap.peers(s, DataDir.lock(dir)),
              MapDbLog.open(dir.resolve("log.db")),
              new MetadataStateMachine(),
              key));
    }
    return out;
  }

  private static long persistNanos(RaftGroup g, IdGenerator ids) {
    ObjectMeta t =
        ObjectMeta.builder("vineyard::Scalar<int>")
            .id(ids.nextObjectId())
            .instanceId(0)
            .put("transient", false)
            .build();
    long t0 = System.nanoTime();
    assertTrue(
        g.commit(new MetadataCommand.Persist(List.of(t)), "persist", Duration.ofSeconds(5)).ok());
    return System.nanoTime() - t0;
  }

  @Test
  @Timeout(120)
  void encryptionCostsLittleOnAPersist() throws Exception {
    byte[] raw = new byte[32];
    new java.security.SecureRandom().nextBytes(raw);
    List<RaftGroup> secret = group("enc", new SecretKeySpec(raw, "AES"));
    List<RaftGroup> plain = group("plain", null);
    try {
      RaftGroup s = awaitLeader(secret);
      RaftGroup p = awaitLeader(plain);
      IdGenerator ids = new IdGenerator(0);
      List<Long> withKey = new ArrayList<>();
      List<Long> without = new ArrayList<>();
      for (int round = 0; round < 12; round++) {
        for (int i = 0; i < 20; i++) {
          long a = persistNanos(s, ids);
          long b = persistNanos(p, ids);
          if (round >= 2) { // warm-up first
            withKey.add(a);
            without.add(b);
          }
        }
      }
      double enc = median(withKey);
      double clear = median(without);
      System.out.printf(
          "persist p50 from the leader, 3 members on loopback: encrypted %.2f ms, plaintext %.2f ms"
              + " (x%.2f)%n",
          enc, clear, enc / clear);
    } finally {
      secret.forEach(RaftGroup::close);
      plain.forEach(RaftGroup::close);
    }
  }

  private static RaftGroup awaitLeader(List<RaftGroup> groups) throws InterruptedException {
    long until = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < until) {
      for (RaftGroup g : groups) {
        if (g.isLeader()) {
          return g;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no leader within 30 s");
  }

  private static double median(List<Long> nanos) {
    long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return s[s.length / 2] / 1e6;
  }
}
