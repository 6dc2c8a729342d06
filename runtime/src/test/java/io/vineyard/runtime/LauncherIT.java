package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.runtime.fake.FakeServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the packaged launcher ({@code target/dist}) as a process, the way the script does. */
class LauncherIT {
    private static final Path DIST = Path.of(System.getProperty("vineyard.dist", "target/dist")).toAbsolutePath();
    private static final Path SHM = Path.of("/dev/shm/vineyard-it-" + ProcessHandle.current().pid());

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
        FelixRuntime.deleteTree(SHM); // the store removes it on a clean stop; this is for the others
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", DIST.resolve("lib") + "/*", Main.class.getName(),
                "--plugins-dir", dir.resolve("plugins").toString(), "--shm-dir", SHM.toString()));
        command.addAll(List.of(args));
        // stderr to a file: a full pipe would block the process
        Process p = new ProcessBuilder(command).redirectInput(Path.of("/dev/null").toFile())
                .redirectError(stderr(started.size()).toFile()).start();
        started.add(p);
        return p;
    }

    private Path stderr(int n) {
        return dir.resolve("stderr-" + n + ".txt");
    }

    private String stderrOf(Process p) throws IOException {
        return Files.readString(stderr(started.indexOf(p)));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void refusesASocketAlreadyServed() throws Exception {
        Path socket = dir.resolve("taken.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket));
            Process p = launch("--socket", socket.toString(), "--bundle-dir", DIST.resolve("bundles").toString());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            assertEquals("vineyardd: another process is already serving " + socket
                    + " (stop it, or pick another path with --socket)\n", stderrOf(p));
        }
    }

    /** Writes a bundle with these headers and the given classes of the test class path. */
    private static void writeBundle(Path jarFile, Map<String, String> headers, Class<?>... classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        headers.forEach(manifest.getMainAttributes()::putValue);
        try (OutputStream out = Files.newOutputStream(jarFile); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(name));
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
    }

    /** The runtime's own bundles from dist: the framework services and the config bridge, no Vineyard service. */
    private Path infrastructureBundles() throws IOException {
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        try (Stream<Path> jars = Files.list(DIST.resolve("bundles"))) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (!name.startsWith("vineyard-") || name.startsWith("vineyard-runtime-")) {
                    Files.copy(jar, bundles.resolve(name));
                }
            }
        }
        return bundles;
    }

    @Test
    void namesABundleThatDoesNotResolve() throws Exception {
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        writeBundle(bundles.resolve("broken.jar"), Map.of("Bundle-SymbolicName", "broken.bundle", "Import-Package", "no.such.pkg"));
        Process p = launch("--socket", dir.resolve("b.sock").toString(), "--bundle-dir", bundles.toString());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = stderrOf(p);
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("broken.bundle") && err.contains("no.such.pkg") && err.contains("did not start"), err);
        assertTrue(err.contains("vineyardd stopped"), err);
        assertEquals("", text(p.getInputStream().readAllBytes()));
    }

    @Test
    void configuresServesAndStopsCleanly() throws Exception {
        Path bundles = infrastructureBundles();
        writeBundle(bundles.resolve("fake-server.jar"), Map.of("Bundle-SymbolicName", "fake.server",
                "Bundle-Activator", FakeServer.class.getName(),
                "Import-Package", "org.osgi.framework, org.osgi.service.cm"), FakeServer.class);
        Path socket = dir.resolve("v.sock");
        Process p = launch("--socket", socket.toString(), "--size", "64M", "--log-level", "DEBUG",
                "--bundle-dir", bundles.toString());
        String ready = p.inputReader().readLine();
        assertTrue(ready != null && ready.matches("vineyardd ready: socket=" + Pattern.quote(socket.toString())
                + " size=64MiB bundles=\\d+ \\(\\d+ ms\\)"), ready + "\n" + stderrOf(p));
        assertTrue(SocketProbe.isServed(socket));
        assertTrue(Files.isDirectory(dir.resolve("plugins")), "the plugins folder is created");
        // Config Admin and the bridge start first: the configuration is there from the first update
        assertEquals(List.of("fake server updated: socket=" + socket),
                stderrOf(p).lines().filter(l -> l.startsWith("fake server updated")).toList(), stderrOf(p));

        p.toHandle().destroy(); // SIGTERM, leaving the streams open (Process.destroy closes them)
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = stderrOf(p);
        // what is logged while the framework stops still shows: JUL's reset waits for it
        assertTrue(err.contains("fake server stopped") && err.contains("FelixRuntime: framework stopped in"), err);
        assertTrue(err.endsWith("vineyardd stopped\n"), err);
        assertFalse(Files.exists(socket));
        assertEquals("", text(p.getInputStream().readAllBytes()));
    }

    @Test
    void startsEveryBundleOfTheDistribution() throws Exception {
        int jars;
        try (Stream<Path> files = Files.list(DIST.resolve("bundles"))) {
            jars = (int) files.filter(f -> f.toString().endsWith(".jar")).count();
        }
        // whether the server serves yet is not this module's test: every bundle must start, though
        Process p = launch("--socket", dir.resolve("d.sock").toString(), "--size", "64M", "--log-level", "DEBUG");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (stderrOf(p).lines().filter(l -> l.contains("FelixRuntime: bundle ")).count() < jars + 1
                && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String err = stderrOf(p);
        List<String> states = err.lines().filter(l -> l.contains("FelixRuntime: bundle ")).toList();
        assertEquals(jars + 1, states.size(), err);
        assertTrue(states.stream().allMatch(l -> l.endsWith(": ACTIVE")), err);
        assertFalse(err.contains("did not start"), err);
    }
}
