package io.vineyard.meta.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What instances bring into the cluster and take with them, as the replicated state applies it. */
class AnnounceTest {
  private static ObjectMeta tree(long id, long instance) {
    return ObjectMeta.builder("vineyard::Scalar<int>")
        .id(ObjectId.of(id))
        .instanceId(instance)
        .put("transient", false)
        .build();
  }

  private static ObjectMeta withBlob(long id, long instance, long blob) {
    return withBlob(id, instance, blob, instance);
  }

  private static ObjectMeta withBlob(long id, long instance, long blob, long blobInstance) {
    ObjectMeta b =
        tree(ObjectId.BLOB_BIT | blob, blobInstance).toBuilder()
            .put("typename", "vineyard::Blob")
            .build();
    return tree(id, instance).toBuilder().member("buffer_", b).build();
  }

  @Test
  void anAnnouncementReplacesWhatTheInstanceOwnedAndIsIdempotent() {
    GlobalMetadata g = new GlobalMetadata();
    g.register("vy-a", 1, "/a.sock", "h", 0);
    g.put(tree(10, 1));
    g.put(tree(11, 1));
    g.put(tree(20, 2));
    g.putName("old", ObjectId.of(11));
    g.putName("other", ObjectId.of(20));
    assertEquals(
        1, g.announce(1, List.of(tree(10, 1), tree(12, 1)), Map.of("new", ObjectId.of(12))));
    assertTrue(g.contains(ObjectId.of(10)));
    assertFalse(g.contains(ObjectId.of(11)), "not brought: gone");
    assertEquals(Optional.empty(), Optional.ofNullable(g.names().get("old")), "with its name");
    assertEquals(ObjectId.of(12), g.names().get("new"));
    assertEquals(
        ObjectId.of(20), g.names().get("other"), "another instance's objects are not touched");
    assertEquals(
        0,
        g.announce(1, List.of(tree(10, 1), tree(12, 1)), Map.of("new", ObjectId.of(12))),
        "again: no change");
    assertEquals(3, g.size());
  }

  @Test
  void aForgottenInstanceTakesItsObjectsUnlessItCameBackUnderAnotherName() {
    GlobalMetadata g = new GlobalMetadata();
    g.register("vy-old", 1, "/a.sock", "h", 0);
    g.put(tree(10, 1));
    g.register("vy-new", 1, "/a.sock", "h", 1); // restarted before the removal of its old self
    assertFalse(g.forget(1, "vy-old"));
    assertTrue(g.contains(ObjectId.of(10)));
    assertTrue(g.forget(1, "vy-new"));
    assertFalse(g.contains(ObjectId.of(10)));
    assertTrue(g.instances().isEmpty());
  }

  @Test
  void onlyObjectsWhosePayloadIsHereAreBrought() {
    Carry c = Carry.empty();
    ObjectMeta kept = withBlob(10, 1, 100);
    ObjectMeta lost = withBlob(11, 1, 101);
    ObjectMeta remote = withBlob(12, 1, 102, 2); // its blob is another instance's
    for (ObjectMeta t : List.of(kept, lost, remote)) {
      c.trees().put(t.id(), t);
    }
    c.names().put("lost", ObjectId.of(11));
    c.names().put("kept", ObjectId.of(10));
    Carry alive = c.alive(1, id -> id.value() == (ObjectId.BLOB_BIT | 100));
    assertEquals(List.of(ObjectId.of(10), ObjectId.of(12)), List.copyOf(alive.trees().keySet()));
    assertEquals(Map.of("kept", ObjectId.of(10)), alive.names());
  }
}
