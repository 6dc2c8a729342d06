package io.vineyard.itests.framework;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Finds installed bundles by symbolic name. */
final class Bundles {
  private Bundles() {}

  /**
   * The installed bundle named {@code symbolicName}; fails the test, listing what is installed, if
   * none is.
   */
  static Bundle bySymbolicName(BundleContext context, String symbolicName) {
    Bundle[] all = context.getBundles();
    return Arrays.stream(all)
        .filter(b -> symbolicName.equals(b.getSymbolicName()))
        .findFirst()
        .orElseGet(
            () ->
                fail(
                    symbolicName
                        + " is not installed; installed: "
                        + Arrays.stream(all).map(Bundle::getSymbolicName).sorted().toList()));
  }
}
