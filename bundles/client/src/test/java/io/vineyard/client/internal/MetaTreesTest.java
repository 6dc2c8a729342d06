package io.vineyard.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.api.ObjectId;
import io.vineyard.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MetaTreesTest {
  @Test
  void findsTheLocalBlobsOfNestedTrees() {
    String tree = """
        {"typename":"vineyard::Pair","id":"o0000000000000010","instance_id":3,
         "first_":{"typename":"vineyard::Array<double>","id":"o0000000000000011","instance_id":3,
                   "buffer_":{"typename":"vineyard::Blob","id":"o8000000000000abc","instance_id":3,"length":8}},
         "second_":{"typename":"vineyard::Array<double>","id":"o0000000000000012","instance_id":4,
                    "buffer_":{"typename":"vineyard::Blob","id":"o8000000000000def","instance_id":4,"length":8}},
         "stub_":{"typename":"vineyard::Blob","id":"o8000000000000000","instance_id":18446744073709551615},
         "big_":{"typename":"vineyard::Blob","id":"offffffffffffff01","instance_id":3}}""";
    Set<ObjectId> out = new TreeSet<>();
    MetaTrees.localBlobs(Json.decode(tree.getBytes(StandardCharsets.UTF_8)), 3, out);
    assertEquals(Set.of(ObjectId.parse("o8000000000000abc"), ObjectId.parse("offffffffffffff01")), out);
    out.clear();
    MetaTrees.localBlobs(Json.decode(tree.getBytes(StandardCharsets.UTF_8)), -1, out);
    assertEquals(Set.of(ObjectId.EMPTY_BLOB), out);
  }
}
