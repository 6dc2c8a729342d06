package io.vineyard.plugin.composite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.plugin.composite.Pair;
import io.vineyard.plugin.composite.PairObject;
import io.vineyard.testkit.FakeContexts;
import java.util.AbstractMap;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairPluginTest {
  final PairPlugin plugin = new PairPlugin();
  final FakeContexts ctx = new FakeContexts(plugin, new SequencePlugin());

  @Test
  void putsFirstAndSecondAsMembers() {
    ObjectMeta stored = plugin.put(Pair.of("a", "bc"), ctx);
    ObjectMeta tree = ctx.last();
    assertEquals(
        Set.of("typename", "first_", "second_", "nbytes", "transient"), tree.entries().keySet());
    assertEquals("vineyard::Pair", tree.typename());
    assertTrue(tree.isTransient());
    assertEquals(3, tree.nbytes());
    assertEquals("a", tree.member("first_").orElseThrow().string("value_").orElseThrow());
    assertEquals("bc", tree.member("second_").orElseThrow().string("value_").orElseThrow());
    assertEquals(3, ctx.created().size(), "two elements, then the pair");
    assertEquals(Pair.of("a", "bc"), plugin.resolve(stored, ctx));
  }

  @Test
  void reusesObjectsAlreadyInTheStore() {
    ObjectMeta x = ctx.putMember("x");
    ObjectMeta y = ctx.putMember("yy");
    int before = ctx.created().size();
    plugin.put(Pair.of(x.id(), (VineyardObject) () -> y), ctx);
    assertEquals(before + 1, ctx.created().size(), "only the pair is created");
    assertEquals(x, ctx.last().member("first_").orElseThrow());
    assertEquals(y.id(), ctx.last().member("second_").orElseThrow().id());
    assertEquals(3, ctx.last().nbytes());
  }

  @Test
  void nestedPairsRoundTrip() {
    Pair<Pair<String, String>, Pair<String, List<String>>> value =
        Pair.of(Pair.of("a", "b"), Pair.of("c", List.of("d", "e")));
    ObjectMeta stored = plugin.put(value, ctx);
    assertEquals(5, stored.nbytes());
    assertEquals(value, plugin.resolve(stored, ctx));
    PairObject view = assertInstanceOf(PairObject.class, plugin.view(stored, ctx));
    PairObject inner = assertInstanceOf(PairObject.class, view.first());
    assertEquals("test::Scalar", inner.second().typename());
    assertEquals(
        "vineyard::Sequence",
        assertInstanceOf(PairObject.class, view.second()).second().typename());
  }

  @Test
  void viewsHaveTypedMembersAndPrintLikeOtherClients() {
    ObjectMeta stored = plugin.put(Pair.of("a", "b"), ctx);
    PairObject view = assertInstanceOf(PairObject.class, plugin.view(stored, ctx));
    assertEquals(stored, view.meta());
    assertEquals(stored.member("first_").orElseThrow().id(), view.first().id());
    assertEquals(stored.member("second_").orElseThrow().id(), view.second().id());
    assertEquals("Object <\"" + stored.id() + "\": vineyard::Pair>", view.toString());
  }

  @Test
  void aRemotePayloadResolvesToNull() {
    ObjectMeta stored = plugin.put(Pair.of(FakeContexts.remoteScalar("zeros"), "ones"), ctx);
    Pair<?, ?> value = assertInstanceOf(Pair.class, plugin.resolve(stored, ctx));
    assertNull(value.first());
    assertEquals("ones", value.second());
    assertEquals("(null, ones)", value.toString());
    assertEquals(
        "o00000000000abcde",
        assertInstanceOf(PairObject.class, plugin.view(stored, ctx)).first().id().toString());
  }

  @Test
  void badElementsFailNamingTheProblem() {
    VineyardException.TypeError thread =
        assertThrows(
            VineyardException.TypeError.class,
            () -> plugin.put(Pair.of(new Thread(() -> {}), "x"), ctx));
    assertTrue(thread.getMessage().contains("java.lang.Thread"), thread.getMessage());
    VineyardException.TypeError nul =
        assertThrows(VineyardException.TypeError.class, () -> plugin.put(Pair.of("x", null), ctx));
    assertTrue(nul.getMessage().contains("'second_'"), nul.getMessage());
    VineyardException.TypeError other =
        assertThrows(VineyardException.TypeError.class, () -> plugin.put("not a pair", ctx));
    assertTrue(other.getMessage().contains("java.lang.String"), other.getMessage());
  }

  @Test
  void canPutOnlyPairs() {
    assertTrue(plugin.canPut(Pair.of(1, 2)));
    assertTrue(plugin.canPut(Pair.of(null, null)));
    assertFalse(plugin.canPut(List.of(1, 2)));
    assertFalse(plugin.canPut(new AbstractMap.SimpleEntry<>(1, 2)));
    assertFalse(plugin.canPut(new Object[] {1, 2}));
    assertFalse(plugin.canPut(null));
  }

  @Test
  void validateNamesTheMissingMember() {
    ObjectMeta a = ctx.putMember("a");
    plugin.validate(
        ObjectMeta.builder("vineyard::Pair").member("first_", a).member("second_", a).build());
    VineyardException.Invalid noSecond =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                plugin.validate(ObjectMeta.builder("vineyard::Pair").member("first_", a).build()));
    assertTrue(
        noSecond.getMessage().contains("'second_'")
            && noSecond.getMessage().contains("vineyard::Pair (new)"),
        noSecond.getMessage());
    VineyardException.Invalid plainFirst =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                plugin.validate(
                    ObjectMeta.builder("vineyard::Pair")
                        .put("first_", "o0000000000000001")
                        .member("second_", a)
                        .build()));
    assertTrue(
        plainFirst.getMessage().contains("'first_'")
            && plainFirst.getMessage().contains("plain value"),
        plainFirst.getMessage());
    ObjectMeta broken =
        ObjectMeta.builder("vineyard::Pair")
            .put("id", "o0000000000000042")
            .member("second_", a)
            .build();
    VineyardException.Invalid onRead =
        assertThrows(VineyardException.Invalid.class, () -> plugin.resolve(broken, ctx));
    assertTrue(
        onRead.getMessage().contains("o0000000000000042")
            && onRead.getMessage().contains("'first_'"),
        onRead.getMessage());
  }

  @Test
  void bothPluginsAreServiceLoaderProviders() {
    List<String> found =
        ServiceLoader.load(ObjectTypePlugin.class).stream().map(p -> p.get().typename()).toList();
    assertTrue(
        found.containsAll(List.of("vineyard::Pair", "vineyard::Sequence")), found.toString());
  }
}
