package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersistPlanTest {
  private static ObjectMeta.Builder tree(long id, long instance) {
    return ObjectMeta.builder("t").id(ObjectId.of(id)).instanceId(instance);
  }

  private static boolean isTransient(ObjectMeta tree, String... path) {
    for (String p : path) {
      tree = tree.member(p).orElseThrow();
    }
    return tree.isTransient();
  }

  @Test
  void collectsTheTreeAndItsLocalMembersAllMarkedPersistedButNotBlobs() {
    ObjectMeta blob = tree(0x8000_0000_0000_0001L, 1).build();
    ObjectMeta inner = tree(2, 1).member("buffer_", blob).build();
    ObjectMeta outer = tree(3, 1).member("first_", inner).build();
    Map<ObjectId, ObjectMeta> local = Map.of(ObjectId.of(2), inner, ObjectId.of(3), outer);
    List<ObjectMeta> trees =
        PersistPlan.collect(outer, 1, id -> Optional.ofNullable(local.get(id)), id -> false);
    assertEquals(
        List.of(ObjectId.of(2), ObjectId.of(3)), trees.stream().map(ObjectMeta::id).toList());
    ObjectMeta root = trees.get(1);
    assertFalse(isTransient(root));
    assertFalse(isTransient(root, "first_"));
    assertTrue(isTransient(root, "first_", "buffer_"), "blobs stay as they are");
    assertFalse(isTransient(trees.get(0)));
    assertTrue(outer.isTransient(), "the caller's tree is not modified");
  }

  @Test
  void globalMembersAreNotCommittedAgain() {
    ObjectMeta outer = tree(3, 1).member("first_", tree(2, 0).build()).build();
    List<ObjectMeta> trees =
        PersistPlan.collect(outer, 1, id -> Optional.empty(), Set.of(ObjectId.of(2))::contains);
    assertEquals(1, trees.size());
    assertFalse(isTransient(trees.get(0), "first_"));
  }

  @Test
  void aTransientMemberOfAnotherInstanceIsNamed() {
    ObjectMeta outer = tree(3, 1).member("first_", tree(2, 7).build()).build();
    VineyardException.Invalid e =
        assertThrows(
            VineyardException.Invalid.class,
            () -> PersistPlan.collect(outer, 1, id -> Optional.empty(), id -> false));
    assertEquals(
        "cannot persist o0000000000000003: member '/first_' (o0000000000000002) is a transient object of "
            + "instance 7; persist it there first",
        e.getMessage());
  }
}
