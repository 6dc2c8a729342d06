package io.vineyard.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailedComponentsTest {
  @Test
  void theInnermostCauseWithoutItsClassName() {
    assertEquals(
        "data dir /d is in use by another runtime (pid 7)",
        FailedComponents.innermost(
            """
                java.lang.IllegalStateException: data dir /d is in use by another runtime (pid 7)
                \tat io.vineyard.meta.raft.DataDir.lock(DataDir.java:62)
                """));
    assertEquals(
        "no such file: /x",
        FailedComponents.innermost(
            """
                org.osgi.service.component.ComponentException: java.io.UncheckedIOException: wrapped
                \tat a.B.c(B.java:1)
                Caused by: java.io.UncheckedIOException: wrapped
                \tat a.B.c(B.java:1)
                Caused by: java.nio.file.NoSuchFileException: no such file: /x
                \t... 3 more
                """));
    assertEquals(
        "java.lang.NullPointerException",
        FailedComponents.innermost("java.lang.NullPointerException\n\tat a.B.c(B.java:1)\n"));
    assertEquals("(no reason given)", FailedComponents.innermost(null));
  }
}
