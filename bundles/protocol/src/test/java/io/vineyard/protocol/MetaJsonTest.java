package io.vineyard.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetaJsonTest {
  private static ObjectMeta parse(String json) throws Exception {
    return Codec.decodeMeta(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void findsTheLocalBlobsOfNestedTrees() throws Exception {
    ObjectMeta tree =
        parse(
            """
        {"typename":"vineyard::Pair","id":"o0000000000000010","instance_id":3,
         "first_":{"typename":"vineyard::Array<double>","id":"o0000000000000011","instance_id":3,
                   "buffer_":{"typename":"vineyard::Blob","id":"o8000000000000abc","instance_id":3,"length":8}},
         "second_":{"typename":"vineyard::Array<double>","id":"o0000000000000012","instance_id":4,
                    "buffer_":{"typename":"vineyard::Blob","id":"o8000000000000def","instance_id":4,"length":8}},
         "stub_":{"typename":"vineyard::Blob","id":"o8000000000000000","instance_id":18446744073709551615},
         "big_":{"typename":"vineyard::Blob","id":"offffffffffffff01","instance_id":3}}""");
    assertEquals(
        Set.of(ObjectId.parse("o8000000000000abc"), ObjectId.parse("offffffffffffff01")),
        tree.localBlobs(3));
    assertEquals(Set.of(ObjectId.EMPTY_BLOB), tree.localBlobs(-1));
  }

  @Test
  void writesATreeBackByteForByte() throws Exception {
    String json =
        "{\"typename\":\"t\",\"id\":\"o0000000000000010\",\"instance_id\":18446744073709551615,\"nbytes\":8,"
            + "\"transient\":false,\"f\":1.5,\"n\":null,\"l\":[1,\"a\",{\"x\":true}],\"__labels\":{\"id\":\"k\"},"
            + "\"m_\":{\"typename\":\"vineyard::Blob\",\"id\":\"o8000000000000001\",\"length\":8}}";
    ObjectMeta tree = parse(json);
    assertEquals(json, new String(Codec.encodeMeta(tree), StandardCharsets.UTF_8));
    assertEquals(json, tree.toString());
    assertEquals(-1L, tree.instanceId());
    assertFalse(tree.isTransient());
    assertEquals(Set.of("m_"), tree.members().keySet());
    assertEquals(Map.of("id", "k"), tree.labels()); // __labels is never a member, whatever it holds
    assertInstanceOf(Map.class, ((java.util.List<?>) tree.value("l").orElseThrow()).get(2));
  }

  @Test
  void aTreeMustBeAnObject() {
    assertThrows(
        VineyardException.MetaTreeInvalid.class,
        () -> Codec.decodeMeta("[1]".getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        VineyardException.MetaTreeInvalid.class,
        () -> Codec.decodeMeta("{\"a\":".getBytes(StandardCharsets.UTF_8)));
    assertTrue(Codec.decodeMeta("{}".getBytes(StandardCharsets.UTF_8)).entries().isEmpty());
  }
}
