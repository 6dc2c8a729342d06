package io.vineyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.RawJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * migrate_object_request on a lone instance, in raw frames: what needs no other instance (a payload
 * here already) and the errors (the copy between instances runs in itests' ClusterSeedTest).
 */
class MigrateProtocolTest {
  ServerFixture fx;

  @BeforeEach
  void start() throws Exception {
    fx = new ServerFixture(16L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    fx.close();
  }

  @Test
  void anObjectWhosePayloadIsHereIsItsOwnCopy() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      ObjectId blob = c.sealedBlob(8);
      ObjectId thing =
          RawJson.id(
              c.createData("{\"typename\":\"my::Thing\",\"buffer_\":{\"id\":\"" + blob + "\"}}"),
              "id");
      ObjectNode r =
          c.call("{\"type\":\"migrate_object_request\",\"object_id\":" + thing.value() + "}");
      assertEquals("migrate_object_reply", r.get("type").asText(), r.toString());
      assertEquals(thing, RawJson.id(r, "object_id"));
    }
  }

  @Test
  void blobsUnknownObjectsAndUnreachablePayloadsAreRefusedByName() throws Exception {
    try (RawClient c = RawClient.registered(fx.socket())) {
      ObjectId blob = c.sealedBlob(8);
      RawClient.assertError(
          c.call("{\"type\":\"migrate_object_request\",\"object_id\":" + blob.value() + "}"),
          1,
          "blobs cannot be directly migrated");
      RawClient.assertError(
          c.call("{\"type\":\"migrate_object_request\",\"object_id\":77}"), 12, "does not exist");
      RawClient.assertError(c.call("{\"type\":\"migrate_object_request\"}"), 1, "object_id");
      // a member blob of instance 5, which this lone instance does not know
      ObjectId elsewhere =
          RawJson.id(
              c.createData(
                  "{\"typename\":\"my::Thing\",\"buffer_\":{\"id\":\"o8000000000000abc\","
                      + "\"typename\":\"vineyard::Blob\",\"length\":4,\"nbytes\":4,"
                      + "\"instance_id\":5}}"),
              "id");
      RawClient.assertError(
          c.call("{\"type\":\"migrate_object_request\",\"object_id\":" + elsewhere.value() + "}"),
          1,
          "instance 5, which is not in the cluster");
      assertEquals(1, fx.store.blobCount(), "no copy left behind");
    }
  }
}
