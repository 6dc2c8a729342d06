package io.vineyard.server;

import static io.vineyard.server.RawClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.RawJson;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** persist, if_persist and names over the wire (on a lone instance). */
class NamesProtocolTest {
  ServerFixture fx;
  RawClient c;

  @BeforeEach
  void start() throws Exception {
    fx = new ServerFixture(16L << 20);
    c = RawClient.registered(fx.socket());
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
    fx.close();
  }

  @Test
  void persistThenName() throws Exception {
    ObjectId id = c.thing();
    String num = id.toUnsignedString();
    assertFalse(
        c.call("{\"type\":\"if_persist_request\",\"id\":" + num + "}").get("persist").asBoolean());
    assertError(
        c.call("{\"type\":\"put_name_request\",\"object_id\":" + num + ",\"name\":\"thing\"}"),
        1,
        "persist");
    assertEquals(
        "persist_reply",
        c.call("{\"type\":\"persist_request\",\"id\":" + num + "}").path("type").asText());
    assertTrue(
        c.call("{\"type\":\"if_persist_request\",\"id\":" + num + "}").get("persist").asBoolean());
    ObjectNode tree =
        (ObjectNode)
            c.call("{\"type\":\"get_data_request\",\"id\":[" + num + "]}")
                .get("content")
                .get(id.toString());
    assertFalse(tree.get("transient").asBoolean());

    assertEquals(
        "put_name_reply",
        c.call("{\"type\":\"put_name_request\",\"object_id\":" + num + ",\"name\":\"thing\"}")
            .path("type")
            .asText());
    assertEquals(
        id,
        RawJson.id(
            c.call("{\"type\":\"get_name_request\",\"name\":\"thing\",\"wait\":false}"),
            "object_id"));
    ObjectNode listed =
        c.call("{\"type\":\"list_name_request\",\"pattern\":\"th*\",\"regex\":false,\"limit\":10}");
    assertEquals(1, listed.get("size").asInt());
    assertEquals(id, RawJson.id(listed.get("names"), "thing"));
    assertEquals(
        "drop_name_reply",
        c.call("{\"type\":\"drop_name_request\",\"name\":\"thing\"}").path("type").asText());
    assertError(
        c.call("{\"type\":\"get_name_request\",\"name\":\"thing\",\"wait\":false}"), 12, "thing");
    assertEquals(
        "drop_name_reply",
        c.call("{\"type\":\"drop_name_request\",\"name\":\"thing\"}").path("type").asText());
  }

  @Test
  void badPersistsAndNames() throws Exception {
    assertError(c.call("{\"type\":\"persist_request\",\"id\":77}"), 12, ObjectId.of(77).toString());
    assertError(
        c.call(
            "{\"type\":\"persist_request\",\"id\":"
                + ObjectId.parse("o8000000000000042").toUnsignedString()
                + "}"),
        7,
        "blob");
    assertError(
        c.call("{\"type\":\"if_persist_request\",\"id\":77}"), 27, ObjectId.of(77).toString());
    assertError(
        c.call("{\"type\":\"put_name_request\",\"object_id\":77,\"name\":\"x\"}"),
        12,
        ObjectId.of(77).toString());
    assertError(c.call("{\"type\":\"put_name_request\",\"object_id\":77}"), 1, "'name'");
  }

  @Test
  void getNameWaitsForTheName() throws Exception {
    ObjectId id = c.thing();
    c.call("{\"type\":\"persist_request\",\"id\":" + id.toUnsignedString() + "}");
    try (RawClient waiter = RawClient.registered(fx.socket())) {
      CompletableFuture<ObjectNode> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return waiter.call(
                      "{\"type\":\"get_name_request\",\"name\":\"later\",\"wait\":true}");
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      Thread.sleep(300);
      assertFalse(waiting.isDone());
      c.call(
          "{\"type\":\"put_name_request\",\"object_id\":"
              + id.toUnsignedString()
              + ",\"name\":\"later\"}");
      assertEquals(id, RawJson.id(waiting.get(10, TimeUnit.SECONDS), "object_id"));
    }
  }
}
