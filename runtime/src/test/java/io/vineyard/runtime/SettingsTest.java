package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.runtime.config.ConfigProperties;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private final Settings settings = new Settings(Path.of("/tmp/x.sock"), 2L << 30,
            Path.of("/dev/shm/vineyard-alice-0123abcd"), Path.of("/tmp/plugins"), List.of(Path.of("/opt/b")));

    @Test
    void flagsBecomeConfigProperties() {
        Map<String, String> p = settings.frameworkProperties(Path.of("/tmp/storage"));
        assertEquals("2147483648", p.get("vineyard.config.io.vineyard.store.size"));
        assertEquals("/dev/shm/vineyard-alice-0123abcd", p.get("vineyard.config.io.vineyard.store.shm.dir"));
        assertEquals("/tmp/x.sock", p.get("vineyard.config.io.vineyard.server.socket"));
        assertEquals("/tmp/x.sock", p.get("vineyard.config.io.vineyard.client.socket"));
        assertEquals("io.vineyard.store,io.vineyard.server,io.vineyard.client", p.get(ConfigProperties.PIDS));
    }

    @Test
    void configPropertiesRoundTrip() {
        Map<String, String> p = settings.frameworkProperties(Path.of("/tmp/storage"));
        assertEquals(Map.of(
                "io.vineyard.store", Map.of("size", "2147483648", "shm.dir", "/dev/shm/vineyard-alice-0123abcd"),
                "io.vineyard.server", Map.of("socket", "/tmp/x.sock"),
                "io.vineyard.client", Map.of("socket", "/tmp/x.sock")), ConfigProperties.decode(p));
    }

    @Test
    void frameworkProperties() {
        Map<String, String> p = settings.frameworkProperties(Path.of("/tmp/storage"));
        assertEquals("/tmp/storage", p.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", p.get("org.osgi.framework.storage.clean"));
        assertEquals("sun.misc", p.get("org.osgi.framework.bootdelegation"));
        assertEquals("1", p.get("felix.log.level"));
        assertEquals("warn", p.get("ds.loglevel"));
        assertEquals("/tmp/plugins", p.get("felix.fileinstall.dir"));
        assertEquals("1000", p.get("felix.fileinstall.poll"));
        assertEquals("true", p.get("felix.fileinstall.noInitialDelay"));
        assertEquals("2", p.get("felix.fileinstall.log.level"));
    }
}
