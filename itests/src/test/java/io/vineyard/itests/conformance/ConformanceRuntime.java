package io.vineyard.itests.conformance;

import io.vineyard.itests.RuntimeProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One runtime process for the whole conformance suite (started by the first class that needs it,
 * stopped and its folders removed when the test run ends, also after failures): the suite checks
 * the wire, not start-up, so it pays for one start. {@code @ExtendWith(ConformanceRuntime.class)}.
 */
public final class ConformanceRuntime implements BeforeAllCallback {
  private static volatile RuntimeProcess runtime;

  @Override
  public void beforeAll(ExtensionContext context) {
    runtime =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .computeIfAbsent(
                ConformanceRuntime.class,
                k -> {
                  try {
                    return RuntimeProcess.start("64M");
                  } catch (Exception e) {
                    throw new IllegalStateException("cannot start the runtime", e);
                  }
                },
                RuntimeProcess.class);
  }

  /** The runtime's socket. */
  static Path socket() {
    return runtime.socket;
  }
}
