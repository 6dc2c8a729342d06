package io.vineyard.server;

import static io.vineyard.server.RawClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.RawJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** label_request over the wire (on a lone instance). */
class LabelProtocolTest {
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

  JsonNode labels(ObjectId id) throws Exception {
    return c.call("{\"type\":\"get_data_request\",\"id\":[" + id.toUnsignedString() + "]}")
        .get("content")
        .get(id.toString())
        .get("__labels");
  }

  @Test
  void labelsAreMergedIntoTheTree() throws Exception {
    ObjectId id = c.thing();
    String num = id.toUnsignedString();
    ObjectNode reply =
        c.call(
            "{\"type\":\"label_request\",\"id\":" + num + ",\"keys\":[\"a\"],\"values\":[\"1\"]}");
    assertEquals("label_reply", reply.path("type").asText(), reply.toString());
    assertFalse(reply.has("code"), reply.toString());
    assertEquals(RawJson.decode("{\"a\":\"1\"}".getBytes()), labels(id));

    c.call(
        "{\"type\":\"label_request\",\"id\":"
            + num
            + ",\"keys\":[\"b\",\"a\"],\"values\":[\"2\",\"3\"]}");
    assertEquals(RawJson.decode("{\"a\":\"3\",\"b\":\"2\"}".getBytes()), labels(id));

    // a persisted object keeps its labels and takes more
    c.call("{\"type\":\"persist_request\",\"id\":" + num + "}");
    c.call("{\"type\":\"label_request\",\"id\":" + num + ",\"keys\":[\"c\"],\"values\":[\"4\"]}");
    assertEquals(RawJson.decode("{\"a\":\"3\",\"b\":\"2\",\"c\":\"4\"}".getBytes()), labels(id));
  }

  @Test
  void badLabels() throws Exception {
    ObjectId id = c.thing();
    String num = id.toUnsignedString();
    assertError(
        c.call("{\"type\":\"label_request\",\"id\":77,\"keys\":[\"a\"],\"values\":[\"1\"]}"),
        12,
        ObjectId.of(77).toString());
    assertError(
        c.call(
            "{\"type\":\"label_request\",\"id\":"
                + ObjectId.parse("o8000000000000042").toUnsignedString()
                + ",\"keys\":[\"a\"],\"values\":[\"1\"]}"),
        1,
        "blobs cannot have labels");
    assertError(
        c.call("{\"type\":\"label_request\",\"id\":" + num + ",\"values\":[\"1\"]}"), 1, "'keys'");
    assertError(
        c.call("{\"type\":\"label_request\",\"id\":" + num + ",\"keys\":[\"a\"]}"), 1, "'values'");
    assertError(
        c.call(
            "{\"type\":\"label_request\",\"id\":"
                + num
                + ",\"keys\":[\"a\",\"b\"],\"values\":[\"1\"]}"),
        1,
        "'values'");
    assertEquals(null, labels(id), "nothing labelled");
  }
}
