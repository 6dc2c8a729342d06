package io.vineyard.itests.framework;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The object-type plugin bundles that {@code test.bndrun} installs, and the typename families each
 * registers (one service per family). Keep in step with the bndrun's {@code -runrequires}.
 */
final class ExpectedPlugins {
  /** Bundle symbolic name to the families its plugin services carry. */
  static final Map<String, Set<String>> FAMILIES =
      Map.of(
          "vineyard-plugin-blob", Set.of("vineyard::Blob"),
          "vineyard-plugin-array", Set.of("vineyard::Array"),
          "vineyard-plugin-tensor", Set.of("vineyard::Tensor"),
          "vineyard-plugin-composite", Set.of("vineyard::Pair", "vineyard::Sequence"));

  private ExpectedPlugins() {}

  /** Every expected family. */
  static Set<String> allFamilies() {
    return FAMILIES.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
  }
}
