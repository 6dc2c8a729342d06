package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietConsoleTest {
  private static final String SCR_FAILURE =
      """
            ERROR : bundle vineyard-meta-raft:0.1.0 (31)[io.vineyard.meta.raft.RaftMetadataService(10)] : The activate method has thrown an exception
            java.lang.IllegalStateException: data dir /d is in use by another runtime (pid 1)
            \tat io.vineyard.meta.raft.DataDir.inUse(DataDir.java:87)
            \tat java.base/java.lang.reflect.Method.invoke(Method.java:565)
            Caused by: java.io.IOException: deeper
            \t... 12 more

            WARN  : bundle vineyard-server:0.1.0 (25)[io.vineyard.server.internal.IpcServerComponent(1)] : Could not get service from ref [io.vineyard.meta.MetadataService]
            vineyardd: vineyard-meta-raft: data dir /d is in use by another runtime (pid 1)
            """;

  private static String through(QuietConsole console, ByteArrayOutputStream out, String text) {
    PrintStream s = console.stream();
    s.print(text);
    s.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void beforeReadyOnlyTheLaunchersLinesRemain() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    QuietConsole c = QuietConsole.over(new PrintStream(out, true, StandardCharsets.UTF_8), false);
    assertEquals(
        "vineyardd: vineyard-meta-raft: data dir /d is in use by another runtime (pid 1)\n",
        through(c, out, SCR_FAILURE));
  }

  @Test
  void afterReadyFailuresArePrintedWithoutTheirTraces() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    QuietConsole c = QuietConsole.over(new PrintStream(out, true, StandardCharsets.UTF_8), false);
    c.ready();
    String printed = through(c, out, SCR_FAILURE);
    assertEquals(4, printed.lines().count(), printed);
    assertEquals(
        "java.lang.IllegalStateException: data dir /d is in use by another runtime (pid 1)",
        printed.lines().toList().get(1));
  }

  @Test
  void atDebugEverythingIsPrinted() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    QuietConsole c = QuietConsole.over(new PrintStream(out, true, StandardCharsets.UTF_8), true);
    assertEquals(SCR_FAILURE, through(c, out, SCR_FAILURE));
  }
}
