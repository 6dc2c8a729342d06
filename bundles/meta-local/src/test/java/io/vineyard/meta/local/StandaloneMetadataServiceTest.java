package io.vineyard.meta.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persisted objects and names survive a restart, and so do transient ones whose blobs are back; the
 * data dir is exclusive.
 */
class StandaloneMetadataServiceTest {
  @TempDir Path dir;

  static ObjectMeta tree(ObjectId id, String typename) {
    return ObjectMeta.builder(typename).id(id).build();
  }

  @Test
  void persistedAndTransientSurviveRestart() throws Exception {
    ObjectId member = ObjectId.of(1);
    ObjectId pair = ObjectId.of(2);
    ObjectId scratch = ObjectId.of(3);
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "/tmp/x.sock")) {
      s.put(tree(member, "my::Leaf"));
      s.put(tree(pair, "my::Pair").toBuilder().member("first_", tree(member, "my::Leaf")).build());
      s.put(tree(scratch, "my::Scratch"));
      s.persist(pair);
      s.putName("the-pair", pair);
      assertEquals(2, s.status().get("persisted_objects"));
    }
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "/tmp/x.sock")) {
      assertTrue(s.isPersisted(pair));
      assertTrue(s.isPersisted(member), "members are persisted with their object");
      assertFalse(s.get(pair).orElseThrow().member("first_").orElseThrow().isTransient());
      assertTrue(s.get(scratch).orElseThrow().isTransient(), "transient objects come back");
      assertFalse(s.contains(member) && s.get(member).orElseThrow().isTransient());
      assertEquals(Optional.of(pair), s.getName("the-pair", Duration.ZERO));
      assertEquals(Set.of(pair), s.referrers(member));
      s.remove(pair);
      s.dropName("nothing");
    }
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "")) {
      assertFalse(s.contains(pair));
      assertEquals(
          Optional.empty(),
          s.getName("the-pair", Duration.ZERO),
          "names of deleted objects go with them");
      assertTrue(s.contains(member));
    }
  }

  @Test
  void labelsOfPersistedObjectsSurviveRestartTransientOnesStayInMemory() throws Exception {
    ObjectId kept = ObjectId.of(1);
    ObjectId scratch = ObjectId.of(2);
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "")) {
      s.put(tree(kept, "my::Kept"));
      s.put(tree(scratch, "my::Scratch"));
      s.persist(kept);
      s.label(kept, Map.of("a", "1", "b", "2"));
      s.label(kept, Map.of("b", "3"));
      s.label(scratch, Map.of("c", "4"));
      assertEquals("4", s.get(scratch).orElseThrow().labels().get("c"));
      assertThrows(
          VineyardException.Invalid.class,
          () -> s.label(ObjectId.parse("o8000000000000042"), Map.of("a", "1")));
      assertThrows(
          VineyardException.ObjectNotExists.class,
          () -> s.label(ObjectId.of(99), Map.of("a", "1")));
    }
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "")) {
      assertEquals(Map.of("a", "1", "b", "3"), s.get(kept).orElseThrow().labels());
      assertEquals(Map.of("c", "4"), s.get(scratch).orElseThrow().labels());
      s.remove(scratch);
    }
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "")) {
      assertFalse(s.contains(scratch), "deleted before the restart");
    }
  }

  @Test
  void transientTreesWhoseBlobsAreGoneAreDroppedAndPersistedOnesLeaveTheLog() throws Exception {
    ObjectId blobHere = ObjectId.parse("o8000000000000011");
    ObjectId blobGone = ObjectId.parse("o8000000000000012");
    ObjectId withBlob = ObjectId.of(1);
    ObjectId lost = ObjectId.of(2);
    ObjectId persisted = ObjectId.of(3);
    ObjectId plain = ObjectId.of(4);
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "")) {
      long instance = s.instanceId();
      s.put(
          tree(withBlob, "my::A").toBuilder()
              .member("b", ObjectMeta.blob(blobHere, 8, instance))
              .build());
      s.put(
          tree(lost, "my::A").toBuilder()
              .member("b", ObjectMeta.blob(blobGone, 8, instance))
              .build());
      s.put(tree(persisted, "my::P"));
      s.put(tree(plain, "my::Q"));
      s.persist(persisted);
    }
    try (StandaloneMetadataService s =
        new StandaloneMetadataService(dir, "", id -> id.equals(blobHere))) {
      assertTrue(s.get(withBlob).orElseThrow().isTransient());
      assertFalse(s.contains(lost), "its blob did not survive");
      assertFalse(s.get(persisted).orElseThrow().isTransient());
      assertTrue(s.contains(plain));
      s.remove(persisted); // gone from MapDB; the log must not bring it back
    }
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "")) {
      assertFalse(s.contains(persisted));
      assertFalse(s.contains(lost), "dropped for good at the last open");
      assertEquals(2, s.size());
    }
  }

  @Test
  void aSecondServiceOnTheSameDirectoryIsRefused() throws Exception {
    try (StandaloneMetadataService s = new StandaloneMetadataService(dir, "")) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> new StandaloneMetadataService(dir, ""));
      assertTrue(
          e.getMessage().contains(dir.toString()) && e.getMessage().contains("--data-dir"),
          e.getMessage());
    }
    new StandaloneMetadataService(dir, "").close(); // released on close
  }
}
