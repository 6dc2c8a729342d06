package io.vineyard.plugin.composite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.plugin.composite.Pair;
import io.vineyard.plugin.composite.SequenceObject;
import io.vineyard.testkit.FakeContexts;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequencePluginTest {
  final SequencePlugin plugin = new SequencePlugin();
  final FakeContexts ctx = new FakeContexts(new PairPlugin(), plugin);

  static Set<String> fields(ObjectMeta m) {
    return Set.copyOf(m.entries().keySet());
  }

  @Test
  void putsSizeAndNumberedElements() {
    ObjectMeta stored = plugin.put(List.of("a", "bb", "ccc"), ctx);
    ObjectMeta tree = ctx.last();
    assertEquals(
        Set.of(
            "typename",
            "transient",
            "size_",
            "__elements_-0",
            "__elements_-1",
            "__elements_-2",
            "__elements_-size",
            "nbytes"),
        fields(tree));
    assertEquals("vineyard::Sequence", tree.typename());
    assertEquals(3, tree.number("size_").orElseThrow());
    assertEquals(3, tree.number("__elements_-size").orElseThrow());
    assertEquals(6, tree.nbytes());
    assertEquals("bb", tree.member("__elements_-1").orElseThrow().string("value_").orElseThrow());
    assertEquals(List.of("a", "bb", "ccc"), plugin.resolve(stored, ctx));
  }

  @Test
  void emptyListsHaveNoMembers() {
    ObjectMeta stored = plugin.put(new ArrayList<>(), ctx);
    assertEquals(
        Set.of("typename", "transient", "size_", "__elements_-size", "nbytes"), fields(ctx.last()));
    assertEquals(0, stored.nbytes());
    assertEquals(List.of(), plugin.resolve(stored, ctx));
    assertEquals(0, assertInstanceOf(SequenceObject.class, plugin.view(stored, ctx)).size());
  }

  @Test
  void listsOfPairsAndListsOfListsRoundTrip() {
    List<Pair<String, String>> pairs = List.of(Pair.of("a", "b"), Pair.of("c", "d"));
    assertEquals(pairs, plugin.resolve(plugin.put(pairs, ctx), ctx));
    List<List<String>> lists = List.of(List.of("a"), List.of(), List.of("b", "c"));
    ObjectMeta stored = plugin.put(lists, ctx);
    assertEquals(lists, plugin.resolve(stored, ctx));
    SequenceObject view = assertInstanceOf(SequenceObject.class, plugin.view(stored, ctx));
    assertEquals(2, assertInstanceOf(SequenceObject.class, view.get(2)).size());
  }

  @Test
  void remoteElementsResolveToNullInAnUnmodifiableList() {
    ObjectMeta stored = plugin.put(List.of("a", FakeContexts.remoteScalar("far"), "c"), ctx);
    List<?> value = assertInstanceOf(List.class, plugin.resolve(stored, ctx));
    assertEquals(Arrays.asList("a", null, "c"), value);
    assertNull(value.get(1));
    assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) value).add("d"));
  }

  @Test
  void viewsGiveElementsInOrder() {
    ObjectMeta stored = plugin.put(List.of("a", "b"), ctx);
    SequenceObject view = assertInstanceOf(SequenceObject.class, plugin.view(stored, ctx));
    assertEquals(2, view.size());
    assertEquals(stored.member("__elements_-1").orElseThrow().id(), view.get(1).id());
    assertEquals(view.get(0), view.elements().get(0));
    assertThrows(IndexOutOfBoundsException.class, () -> view.get(2));
    assertThrows(UnsupportedOperationException.class, () -> view.elements().clear());
    assertEquals("Object <\"" + stored.id() + "\": vineyard::Sequence>", view.toString());
  }

  @Test
  void claimsListsOnly() {
    assertTrue(plugin.canPut(List.of()));
    assertTrue(plugin.canPut(new LinkedList<>()));
    assertFalse(plugin.canPut(Set.of(1)));
    assertFalse(plugin.canPut(new ArrayDeque<>()));
    assertFalse(plugin.canPut(Map.of()));
    assertFalse(plugin.canPut(new Object[0]));
    assertFalse(plugin.canPut(null));
  }

  @Test
  void badElementsFailNamingTheProblem() {
    VineyardException.TypeError thread =
        assertThrows(
            VineyardException.TypeError.class,
            () -> plugin.put(List.of("a", new Thread(() -> {})), ctx));
    assertTrue(thread.getMessage().contains("java.lang.Thread"), thread.getMessage());
    VineyardException.TypeError nul =
        assertThrows(
            VineyardException.TypeError.class, () -> plugin.put(Arrays.asList("a", null), ctx));
    assertTrue(nul.getMessage().contains("'__elements_-1'"), nul.getMessage());
  }

  @Test
  void validateChecksSizeAndElements() {
    ObjectMeta a = ctx.putMember("a");
    plugin.validate(
        ObjectMeta.builder("vineyard::Sequence")
            .put("size_", 1L)
            .member("__elements_-0", a)
            .build());
    plugin.validate(
        ObjectMeta.builder("vineyard::Sequence")
            .put("size_", "1")
            .member("__elements_-0", a)
            .build());
    plugin.validate(ObjectMeta.builder("vineyard::Sequence").put("size_", 0L).build());
    for (ObjectMeta bad :
        List.of(
            ObjectMeta.builder("vineyard::Sequence").build(),
            ObjectMeta.builder("vineyard::Sequence").put("size_", -1L).build(),
            ObjectMeta.builder("vineyard::Sequence").put("size_", "three").build(),
            ObjectMeta.builder("vineyard::Sequence").put("size_", 1L << 40).build())) {
      VineyardException.Invalid e =
          assertThrows(VineyardException.Invalid.class, () -> plugin.validate(bad));
      assertTrue(e.getMessage().contains("'size_'"), e.getMessage());
    }
    VineyardException.Invalid missing =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                plugin.validate(
                    ObjectMeta.builder("vineyard::Sequence")
                        .put("size_", 4L)
                        .member("__elements_-0", a)
                        .member("__elements_-3", a)
                        .build()));
    assertTrue(missing.getMessage().contains("'__elements_-1'"), missing.getMessage());
    VineyardException.Invalid disagree =
        assertThrows(
            VineyardException.Invalid.class,
            () ->
                plugin.validate(
                    ObjectMeta.builder("vineyard::Sequence")
                        .put("size_", 1L)
                        .put("__elements_-size", 2L)
                        .member("__elements_-0", a)
                        .build()));
    assertTrue(disagree.getMessage().contains("'__elements_-size'"), disagree.getMessage());
  }
}
