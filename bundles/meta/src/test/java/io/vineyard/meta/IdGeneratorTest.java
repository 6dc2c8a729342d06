package io.vineyard.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {
  @Test
  void theSequenceRunsOnAcrossMillisecondsAndIdsStayUnique() throws Exception {
    IdGenerator ids = new IdGenerator(5);
    Set<ObjectId> seen = new HashSet<>();
    ObjectId previous = ids.nextObjectId();
    seen.add(previous);
    for (int i = 0; i < 20_000; i++) {
      if (i % 5000 == 0) {
        Thread.sleep(2); // across milliseconds too
      }
      ObjectId id = i % 2 == 0 ? ids.nextObjectId() : ids.nextBlobId();
      assertTrue(seen.add(id), "unique: " + id);
      assertEquals(
          (previous.value() + 1) & 0xfff,
          id.value() & 0xfff,
          "the sequence runs on: " + previous + " " + id);
      assertEquals(5, id.instance());
      assertEquals(i % 2 != 0, id.isBlob());
      assertFalse(id.equals(ObjectId.EMPTY_BLOB));
      previous = id;
    }
  }
}
