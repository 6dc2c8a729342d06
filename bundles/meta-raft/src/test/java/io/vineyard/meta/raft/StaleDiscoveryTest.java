package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runtimes that died without leaving (kill -9) leave discovery entries behind; restarts must not wait on them. */
class StaleDiscoveryTest {
  @TempDir Path tmp;

  @Test
  @Timeout(60)
  void aRestartAfterACrashDoesNotTryToJoinItsOwnGhost() throws Exception {
    ClusterSettings sa = ClusterSettings.embedded("x", tmp.resolve("d"), tmp.resolve("a"), "", Duration.ofSeconds(3));
    ClusterSettings sb = ClusterSettings.embedded("x", tmp.resolve("d"), tmp.resolve("b"), "", Duration.ofSeconds(3));
    RaftMetadataService a = RaftMetadataService.start(sa);
    RaftMetadataService b = RaftMetadataService.start(sb);
    Map<Path, byte[]> entries = new HashMap<>();
    try (var files = Files.walk(tmp.resolve("d"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".list")).toList()) {
        entries.put(p, Files.readAllBytes(p));
      }
    }
    b.kill();
    a.kill();
    for (var e : entries.entrySet()) {
      Files.write(e.getKey(), e.getValue()); // as if both had been killed: their entries stay
    }
    long t0 = System.nanoTime();
    a = RaftMetadataService.start(sa);
    long took = System.nanoTime() - t0;
    b = RaftMetadataService.start(sb);
    try {
      assertTrue(took < 2_000_000_000L, "restart took " + took / 1_000_000 + " ms");
      assertEquals(0, a.instanceId());
      assertEquals(1, b.instanceId());
    } finally {
      b.close();
      a.close();
    }
  }
}
