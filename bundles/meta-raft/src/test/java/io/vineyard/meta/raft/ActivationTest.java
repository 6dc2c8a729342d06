package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS side: settings from a configuration, and failed activations that SCR repeats. */
class ActivationTest {
  @TempDir Path tmp;

  /** A configuration as Config Admin would give it. */
  private static RaftMetadataService.Config config(String dataDir, String discoveryDir) {
    return new RaftMetadataService.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return RaftMetadataService.Config.class;
      }

      @Override
      public String cluster() {
        return "act";
      }

      @Override
      public String bind() {
        return "127.0.0.1";
      }

      @Override
      public int port() {
        return 0;
      }

      @Override
      public String peers() {
        return "";
      }

      @Override
      public String discovery_dir() {
        return discoveryDir;
      }

      @Override
      public String data_dir() {
        return dataDir;
      }

      @Override
      public String socket() {
        return "/run/act.sock";
      }

      @Override
      public long commit_timeout_ms() {
        return 2000;
      }

      @Override
      public String cluster_key() {
        return "";
      }
    };
  }

  @Test
  void aRepeatedFailedActivationFailsAtOnceWithTheFirstFailure() throws Exception {
    RaftMetadataService.Config c =
        config(tmp.resolve("data").toString(), tmp.resolve("discovery").toString());
    try (DataDir held = DataDir.lock(tmp.resolve("data"))) {
      IllegalStateException first =
          assertThrows(IllegalStateException.class, () -> new RaftMetadataService().activate(c));
      assertEquals(
          "data dir "
              + tmp.resolve("data")
              + " is in use by another runtime (pid "
              + ProcessHandle.current().pid()
              + "): stop it, or give this runtime its own --data-dir",
          first.getMessage());
      assertSame(
          first,
          assertThrows(IllegalStateException.class, () -> new RaftMetadataService().activate(c)));
    }
  }

  @Test
  void settingsNameTheFlagsAndDefaultToTheLaunchersDiscoveryFolder() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RaftMetadataService.settings(config("", "")));
    assertEquals(
        "no data dir given (--data-dir; io.vineyard.meta.raft data.dir): this instance's folder for the Raft log"
            + " and its ID",
        e.getMessage());
    Path expected =
        "root".equals(System.getProperty("user.name"))
            ? Path.of("/var/lib/vineyard/discovery")
            : Path.of(System.getProperty("user.home"), ".local", "vineyard", "discovery");
    assertEquals(expected, RaftMetadataService.settings(config("/d", "")).discoveryDir());
  }
}
