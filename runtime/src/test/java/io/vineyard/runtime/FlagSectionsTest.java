package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class FlagSectionsTest {
  private static final Defaults ALICE =
      new Defaults("alice", false, Path.of("/home/alice"), Map.of());

  private static CommandLine commandLine(Main main) {
    CommandLine cl = new CommandLine(main);
    FlagSections.install(cl);
    return cl.setOverwrittenOptionsAllowed(true);
  }

  private static Settings parse(String... args) {
    Main main = new Main();
    CommandLine cl = commandLine(main);
    cl.parseArgs(FlagSections.dashed(args, cl.getCommandSpec()));
    return main.settings(ALICE);
  }

  @Test
  void everyFlagDeclaresItsSection() {
    for (OptionSpec o : commandLine(new Main()).getCommandSpec().options()) {
      assertNotNull(
          FlagSections.of(o),
          o.longestName()
              + " declares no --help section: annotate its field with"
              + " @FlagSections.In(FlagSections.Section.STORAGE|CLUSTER|PLUGINS|DIAGNOSTICS)");
    }
  }

  @Test
  void helpListsTheFlagsBySection() {
    String help = commandLine(new Main()).getUsageMessage(CommandLine.Help.Ansi.OFF);
    List<String> headings =
        List.of("Socket and storage:", "Cluster:", "Plugins and bundles:", "Diagnostics:");
    int last = -1;
    for (String h : headings) {
      int at = help.indexOf("\n" + h + "\n");
      assertTrue(at > last, h + " missing or out of order in:\n" + help);
      last = at;
    }
    assertTrue(!help.contains("Other:") && !help.contains("Options:"), help);
    assertIn(help, "--size", "Socket and storage:", "Cluster:");
    assertIn(help, "--shm-dir", "Socket and storage:", "Cluster:");
    assertIn(help, "--peers", "Cluster:", "Plugins and bundles:");
    assertIn(help, "--bundle-set", "Plugins and bundles:", "Diagnostics:");
    assertIn(help, "--log-level", "Diagnostics:", "Every flag is also accepted");
    assertIn(help, "--help", "Diagnostics:", "Every flag is also accepted");
  }

  private static void assertIn(String help, String flag, String section, String next) {
    int at = help.indexOf(" " + flag + "=");
    if (at < 0) {
      at = help.indexOf(" " + flag + " ");
    }
    assertTrue(
        at > help.indexOf(section) && at < help.indexOf(next),
        flag + " is not under " + section + ":\n" + help);
  }

  @Test
  void underscoresSpellTheSameFlags() {
    Settings s =
        parse(
            "--bundle_dir",
            "/opt/v/bundles",
            "--shm_dir",
            "/dev/shm/mine_too",
            "--commit_timeout=5s",
            "--socket_mode",
            "660",
            "--no_keep",
            "--socket",
            "/tmp/a_b.sock");
    assertEquals(Path.of("/dev/shm/mine_too"), s.shmDir());
    assertEquals(Duration.ofSeconds(5), s.cluster().commitTimeout());
    assertEquals(0660, s.socketMode());
    assertEquals(false, s.keep());
    assertEquals(Path.of("/tmp/a_b.sock"), s.socket());
  }

  @Test
  void onlyKnownFlagNamesChange() {
    CommandLine cl = commandLine(new Main());
    String[] args = {
      "--plugins_dir", "--x_y", "--no_such_flag", "--data-dir=/a_b", "--", "--shm_dir"
    };
    assertArrayEquals(
        new String[] {
          "--plugins-dir", "--x_y", "--no_such_flag", "--data-dir=/a_b", "--", "--shm_dir"
        },
        FlagSections.dashed(args, cl.getCommandSpec()));
  }
}
