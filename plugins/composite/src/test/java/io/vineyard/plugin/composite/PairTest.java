package io.vineyard.plugin.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairTest {
  @Test
  void printsLikeATuple() {
    assertEquals("(1, x)", Pair.of(1, "x").toString());
    assertEquals("(null, [1, 1, 1, 1])", Pair.of(null, List.of(1, 1, 1, 1)).toString());
    assertEquals("((a, b), null)", Pair.of(Pair.of("a", "b"), null).toString());
  }

  @Test
  void equalsByElements() {
    assertEquals(Pair.of("a", 1), new Pair<>("a", 1));
    assertEquals(Pair.of("a", 1).hashCode(), Pair.of("a", 1).hashCode());
    assertNotEquals(Pair.of("a", 1), Pair.of(1, "a"));
    assertEquals("a", Pair.of("a", 1).first());
    assertEquals(1, Pair.of("a", 1).second());
  }
}
