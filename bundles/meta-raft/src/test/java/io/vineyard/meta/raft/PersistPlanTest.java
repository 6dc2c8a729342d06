package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersistPlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode tree(long id, long instance) {
    ObjectNode t = JSON.createObjectNode();
    t.put("id", ObjectId.of(id).toString());
    t.put("typename", "t");
    t.put("instance_id", instance);
    t.put("transient", true);
    return t;
  }

  @Test
  void collectsTheTreeAndItsLocalMembersAllMarkedPersistedButNotBlobs() {
    ObjectNode blob = tree(0x8000_0000_0000_0001L, 1);
    ObjectNode inner = tree(2, 1);
    inner.set("buffer_", blob);
    ObjectNode outer = tree(3, 1);
    outer.set("first_", inner.deepCopy());
    Map<ObjectId, ObjectNode> local = Map.of(ObjectId.of(2), inner, ObjectId.of(3), outer);
    List<ObjectNode> trees = PersistPlan.collect(outer, 1, id -> Optional.ofNullable(local.get(id)), id -> false);
    assertEquals(List.of(ObjectId.of(2), ObjectId.of(3)), trees.stream().map(Trees::id).toList());
    ObjectNode root = trees.get(1);
    assertFalse(root.get("transient").asBoolean());
    assertFalse(root.get("first_").get("transient").asBoolean());
    assertTrue(root.get("first_").get("buffer_").get("transient").asBoolean(), "blobs stay as they are");
    assertFalse(trees.get(0).get("transient").asBoolean());
    assertTrue(outer.get("transient").asBoolean(), "the caller's tree is not modified");
  }

  @Test
  void globalMembersAreNotCommittedAgain() {
    ObjectNode outer = tree(3, 1);
    outer.set("first_", tree(2, 0));
    List<ObjectNode> trees = PersistPlan.collect(outer, 1, id -> Optional.empty(), Set.of(ObjectId.of(2))::contains);
    assertEquals(1, trees.size());
    assertFalse(trees.get(0).get("first_").get("transient").asBoolean());
  }

  @Test
  void aTransientMemberOfAnotherInstanceIsNamed() {
    ObjectNode outer = tree(3, 1);
    outer.set("first_", tree(2, 7));
    VineyardException.Invalid e = assertThrows(VineyardException.Invalid.class,
        () -> PersistPlan.collect(outer, 1, id -> Optional.empty(), id -> false));
    assertEquals("cannot persist o0000000000000003: member '/first_' (o0000000000000002) is a transient object of "
        + "instance 7; persist it there first", e.getMessage());
  }
}
