package io.vineyard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectMetaTest {
  @Test
  void theMemberRuleIsATypenameOrAnIdAndNeverTheLabels() {
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("typename", "t");
    raw.put("a_", Map.of("typename", "u"));
    raw.put("b_", Map.of("id", "o0000000000000001"));
    raw.put("plain", Map.of("x", 1));
    raw.put(ObjectMeta.LABELS, Map.of("typename", "v"));
    ObjectMeta meta = ObjectMeta.of(raw);
    assertEquals(List.of("a_", "b_"), List.copyOf(meta.members().keySet()));
    assertEquals(Map.of("x", 1L), meta.value("plain").orElseThrow());
    assertEquals(Map.of("typename", "v"), meta.labels());
  }

  @Test
  void isImmutableAndDerivedThroughABuilder() {
    ObjectMeta blob = ObjectMeta.blob(ObjectId.of(ObjectId.BLOB_BIT | 5), 8, 2);
    ObjectMeta meta = ObjectMeta.builder("t").nbytes(8).member("buffer_", blob).build();
    assertThrows(UnsupportedOperationException.class, () -> meta.entries().put("x", 1L));
    ObjectMeta labelled =
        meta.toBuilder().labels(Map.of("k", "v")).labels(Map.of("k", "w", "j", "x")).build();
    assertTrue(meta.labels().isEmpty());
    assertEquals(Map.of("k", "w", "j", "x"), labelled.labels());
    assertEquals(blob, labelled.member("buffer_").orElseThrow());
    assertEquals(
        "{\"typename\":\"t\",\"transient\":true,\"nbytes\":8,\"buffer_\":" + blob + "}",
        meta.toString());
  }

  @Test
  void readsNumbersAsJsonHasThem() {
    ObjectMeta meta =
        ObjectMeta.builder("t")
            .put("a", "12")
            .put("b", 1.5)
            .put("c", new BigInteger("18446744073709551615"))
            .put("d", 7)
            .instanceId(-1)
            .build();
    assertEquals(12L, meta.number("a").orElseThrow());
    assertFalse(meta.number("b").isPresent());
    assertEquals(-1L, meta.number("c").orElseThrow());
    assertEquals(7L, meta.value("d").orElseThrow());
    assertEquals(-1L, meta.instanceId());
    assertEquals("18446744073709551615", meta.json("instance_id").orElseThrow());
    assertEquals(
        ObjectMeta.builder("t").put("x", 1).build(), ObjectMeta.builder("t").put("x", 1L).build());
  }

  @Test
  void idsFollowTheSnowflakeLayout() {
    ObjectId id = ObjectId.compose(1_700_000_000_000L, 5, 7, false);
    assertEquals(5, id.instance());
    assertFalse(id.isBlob());
    ObjectId blob = ObjectId.compose(1_700_000_000_000L, 5, 7, true);
    assertTrue(blob.isBlob());
    assertEquals(id.value() | ObjectId.BLOB_BIT, blob.value());
    assertEquals(
        ObjectId.of(ObjectId.BLOB_BIT + 1),
        ObjectId.compose(0, 0, 0, true)); // never the empty blob
  }
}
