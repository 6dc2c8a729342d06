package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --rpc, --rpc-socket-port and --rpc-bind, and the server configuration they become. */
class RpcFlagsTest {
  private static final Defaults ALICE =
      new Defaults("alice", false, Path.of("/home/alice"), Map.of());

  private static Settings parse(String... args) {
    Main main = new Main();
    new CommandLine(main).setOverwrittenOptionsAllowed(true).parseArgs(args);
    return main.settings(ALICE);
  }

  @Test
  void offByDefault() {
    Settings s = parse("--bundle-dir", "b");
    assertFalse(s.rpc().enabled());
    assertFalse(s.configurations().get(Settings.SERVER_PID).containsKey("rpc"));
  }

  @Test
  void onItBindsLoopbackOnVineyarddsPort() {
    Map<String, String> server =
        parse("--rpc", "--bundle-dir", "b").configurations().get(Settings.SERVER_PID);
    assertEquals("true", server.get("rpc"));
    assertEquals("127.0.0.1", server.get("rpc.bind"));
    assertEquals("9600", server.get("rpc.port"));
  }

  @Test
  void portAndAddressAreTaken() {
    Map<String, String> server =
        parse("--rpc", "--rpc-socket-port", "0", "--rpc-bind", "[::1]", "--bundle-dir", "b")
            .configurations()
            .get(Settings.SERVER_PID);
    assertEquals("0", server.get("rpc.port"));
    assertEquals("::1", server.get("rpc.bind"));
  }

  @Test
  void badValuesAndFlagsWithoutRpcAreNamed() {
    IllegalArgumentException port =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse("--rpc", "--rpc-socket-port", "70000", "--bundle-dir", "b"));
    assertTrue(port.getMessage().contains("--rpc-socket-port 70000"), port.getMessage());
    IllegalArgumentException off =
        assertThrows(
            IllegalArgumentException.class,
            () -> parse("--rpc-socket-port", "9700", "--bundle-dir", "b"));
    assertTrue(off.getMessage().contains("add --rpc"), off.getMessage());
  }
}
