package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private static final Defaults ALICE = new Defaults("alice", false, Path.of("/home/alice"), Map.of());

    private static Settings parse(String... args) {
        Main main = new Main();
        new CommandLine(main).setOverwrittenOptionsAllowed(true).parseArgs(args);
        return main.settings(ALICE);
    }

    @Test
    void defaults() {
        Settings s = parse("--bundle-dir", "/opt/v/bundles");
        assertEquals(ALICE.socket(), s.socket());
        assertEquals(2L << 30, s.size());
        assertEquals(ALICE.shmDir(ALICE.socket()), s.shmDir());
        assertEquals(ALICE.pluginsDir(), s.pluginsDir());
        assertEquals(List.of(Path.of("/opt/v/bundles")), s.bundleDirs());
    }

    @Test
    void flags() {
        Settings s = parse("--socket", "/tmp/x.sock", "--size", "64M", "--shm-dir", "/dev/shm/mine",
                "--plugins-dir", "/tmp/plugins", "--bundle-dir", "/opt/v/bundles", "--shell");
        assertEquals(Path.of("/tmp/x.sock"), s.socket());
        assertEquals(64L << 20, s.size());
        assertEquals(Path.of("/dev/shm/mine"), s.shmDir());
        assertEquals(Path.of("/tmp/plugins"), s.pluginsDir());
        assertEquals(List.of(Path.of("/opt/v/bundles"), Path.of("/opt/v/shell")), s.bundleDirs());
    }

    @Test
    void derivedShmDirFollowsTheSocket() {
        Settings a = parse("--socket", "/tmp/a.sock", "--bundle-dir", "b");
        Settings b = parse("--socket", "/tmp/b.sock", "--bundle-dir", "b");
        assertNotEquals(a.shmDir(), b.shmDir());
        assertEquals(ALICE.shmDir(Path.of("/tmp/a.sock")), a.shmDir());
    }

    @Test
    void relativePathsBecomeAbsolute() {
        Settings s = parse("--socket", "x.sock", "--bundle-dir", "b", "--plugins-dir", "p");
        assertTrue(s.socket().isAbsolute());
        assertTrue(s.pluginsDir().isAbsolute());
        assertTrue(s.bundleDirs().getFirst().isAbsolute());
    }

    @Test
    void lastBundleDirWins() {
        assertEquals(List.of(Path.of("/two")), parse("--bundle-dir", "/one", "--bundle-dir", "/two").bundleDirs());
    }

    @Test
    void bundleDirIsRequiredOutsideADistribution() {
        // the test classes are a folder, not dist/lib/*.jar: nothing to derive the default from
        assertThrows(IllegalArgumentException.class, () -> parse("--socket", "/tmp/x.sock"));
    }

    @Test
    void logLevels() {
        Main main = new Main();
        new CommandLine(main).parseArgs("--log-level", "debug");
        assertEquals(Level.FINE, main.logLevel);
        new CommandLine(main).parseArgs();
        assertEquals(Level.INFO, main.logLevel);
        assertEquals(Level.WARNING, RuntimeLogging.parseLevel("WARN"));
        assertEquals(Level.FINER, RuntimeLogging.parseLevel("finer"));
    }

    @Test
    void badFlagsAreUsageErrors() {
        for (String[] args : List.of(new String[] {"--size", "lots"}, new String[] {"--log-level", "loud"},
                new String[] {"--nope"})) {
            StringWriter err = new StringWriter();
            int status = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute(args);
            assertEquals(2, status, err.toString());
        }
    }

    @Test
    void helpNamesEveryFlag() {
        String help = new CommandLine(new Main()).getUsageMessage();
        for (String flag : List.of("--socket", "--size", "--shm-dir", "--plugins-dir", "--bundle-dir",
                "--log-level", "--shell", "--help", "--version")) {
            assertTrue(help.contains(flag), flag);
        }
    }
}
