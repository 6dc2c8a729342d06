package io.vineyard.itests.conformance;

import static io.vineyard.itests.conformance.Wire.assertError;
import static io.vineyard.itests.conformance.Wire.assertType;
import static io.vineyard.itests.conformance.Wire.id;
import static io.vineyard.itests.conformance.Wire.signed;
import static io.vineyard.itests.conformance.Wire.text;
import static io.vineyard.itests.conformance.Wire.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The metadata commands over raw frames: create_data(s), get_data, list_data, exists, persist,
 * if_persist, names, label, shallow_copy, deletes, instance_status, cluster_meta, with IDs written
 * unsigned, signed and in text form, and their error codes.
 */
@ExtendWith(ConformanceRuntime.class)
class DataConformanceTest {

  /** A sealed blob of 16 bytes. */
  private static long blob(Wire w) throws Exception {
    JsonNode c = w.call("{\"type\":\"create_buffer_request\",\"size\":16}");
    if (c.path("fd").asInt() != -1) {
      w.receiveFd();
    }
    long id = id(c.path("id"));
    assertType(
        w.call("{\"type\":\"seal_request\",\"object_id\":" + signed(id) + "}"), "seal_reply");
    return id;
  }

  private static String pairOf(long blob) {
    String member = "{\"id\":\"" + text(blob) + "\",\"typename\":\"vineyard::Blob\"}";
    return "{\"typename\":\"conformance::Holder\",\"first_\":" + member + ",\"nbytes\":16}";
  }

  @Test
  void createGetListExistsPersistNamesLabelDelete() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      long b = blob(w);
      JsonNode c =
          assertType(
              w.call("{\"type\":\"create_data_request\",\"content\":" + pairOf(b) + "}"),
              "create_data_reply");
      long obj = id(c.path("id"));
      assertTrue(obj > 0, "an object id has the top bit clear");
      assertTrue(c.has("signature") && c.has("instance_id"), c.toString());

      JsonNode g =
          assertType(
              w.call(
                  "{\"type\":\"get_data_request\",\"id\":["
                      + signed(obj)
                      + "],\"sync_remote\":true,\"wait\":false}"),
              "get_data_reply");
      JsonNode tree = g.path("content").path(text(obj));
      assertEquals("conformance::Holder", tree.path("typename").asText(), g.toString());
      assertEquals(text(b), tree.path("first_").path("id").asText());
      assertTrue(tree.path("transient").asBoolean());
      JsonNode single = w.call("{\"type\":\"get_data_request\",\"id\":" + unsigned(obj) + "}");
      assertEquals(tree, single.path("content").path(text(obj)), "one id alone is accepted");
      JsonNode missing =
          w.call("{\"type\":\"get_data_request\",\"id\":[" + unsigned(obj + 1) + "]}");
      assertEquals(0, missing.path("content").size(), "absent ids are left out");
      JsonNode blobTree = w.call("{\"type\":\"get_data_request\",\"id\":[" + signed(b) + "]}");
      assertEquals(
          "vineyard::Blob", blobTree.path("content").path(text(b)).path("typename").asText());

      JsonNode list =
          assertType(
              w.call(
                  "{\"type\":\"list_data_request\",\"pattern\":\"conformance::*\",\"regex\":false,\"limit\":100}"),
              "get_data_reply");
      assertTrue(list.path("content").has(text(obj)), list.toString());
      assertTrue(
          w.call("{\"type\":\"exists_request\",\"id\":" + signed(obj) + "}")
              .path("exists")
              .asBoolean());
      assertFalse(
          w.call("{\"type\":\"if_persist_request\",\"id\":" + signed(obj) + "}")
              .path("persist")
              .asBoolean());
      assertError(
          w.call(
              "{\"type\":\"put_name_request\",\"object_id\":" + signed(obj) + ",\"name\":\"c1\"}"),
          1,
          "transient");
      assertType(
          w.call("{\"type\":\"persist_request\",\"id\":" + signed(obj) + "}"), "persist_reply");
      assertTrue(
          w.call("{\"type\":\"if_persist_request\",\"id\":" + unsigned(obj) + "}")
              .path("persist")
              .asBoolean());
      assertType(
          w.call(
              "{\"type\":\"put_name_request\",\"object_id\":"
                  + signed(obj)
                  + ",\"name\":\"conf-name\"}"),
          "put_name_reply");
      JsonNode name =
          assertType(
              w.call("{\"type\":\"get_name_request\",\"name\":\"conf-name\",\"wait\":false}"),
              "get_name_reply");
      assertEquals(obj, id(name.path("object_id")));
      JsonNode names =
          assertType(
              w.call(
                  "{\"type\":\"list_name_request\",\"pattern\":\"conf-*\",\"regex\":false,\"limit\":10}"),
              "list_name_reply");
      assertEquals(obj, id(names.path("names").path("conf-name")));
      assertType(
          w.call("{\"type\":\"drop_name_request\",\"name\":\"conf-name\"}"), "drop_name_reply");
      assertError(
          w.call("{\"type\":\"get_name_request\",\"name\":\"conf-name\",\"wait\":false}"),
          12,
          "conf-name");
      assertType(
          w.call(
              "{\"type\":\"label_request\",\"id\":"
                  + signed(obj)
                  + ",\"keys\":[\"k\"],\"values\":[\"v\"]}"),
          "label_reply");
      assertError(
          w.call(
              "{\"type\":\"label_request\",\"id\":"
                  + signed(b)
                  + ",\"keys\":[\"k\"],\"values\":[\"v\"]}"),
          1,
          "blob");

      assertError(
          w.call(
              "{\"type\":\"del_data_request\",\"id\":["
                  + signed(b)
                  + "],\"force\":false,\"deep\":false}"),
          1,
          text(obj));
      JsonNode fb =
          assertType(
              w.call(
                  "{\"type\":\"del_data_with_feedbacks_request\",\"id\":["
                      + signed(obj)
                      + "],\"force\":false,\"deep\":true,\"fastpath\":false,\"memory_trim\":false}"),
              "del_data_with_feedbacks_reply");
      assertEquals(
          Wire.asUnsigned(b), fb.path("deleted_bids").get(0).bigIntegerValue(), fb.toString());
      assertFalse(
          w.call("{\"type\":\"exists_request\",\"id\":" + signed(obj) + "}")
              .path("exists")
              .asBoolean());
      assertError(
          w.call("{\"type\":\"del_data_request\",\"id\":[" + signed(obj) + "]}"), 12, text(obj));
    }
  }

  @Test
  void createDatasAndShallowCopy() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      long b1 = blob(w);
      long b2 = blob(w);
      JsonNode r =
          assertType(
              w.call(
                  "{\"type\":\"create_datas_request\",\"num\":2,\"contents\":["
                      + pairOf(b1)
                      + ","
                      + pairOf(b2)
                      + "]}"),
              "create_datas_reply");
      assertEquals(2, r.path("num").asInt());
      assertEquals(2, r.path("ids").size());
      assertEquals(2, r.path("signatures").size());
      assertEquals(2, r.path("instance_ids").size());
      long first = id(r.path("ids").get(0));
      JsonNode got = w.call("{\"type\":\"get_data_request\",\"id\":[" + unsigned(first) + "]}");
      assertEquals(
          text(b1), got.path("content").path(text(first)).path("first_").path("id").asText());

      int before = count(w);
      JsonNode bad =
          w.call(
              "{\"type\":\"create_datas_request\",\"num\":2,\"contents\":["
                  + pairOf(b1)
                  + ",{\"nbytes\":0}]}");
      assertError(bad, 21, "contents/1");
      assertEquals(before, count(w), "the batch that failed left nothing");

      JsonNode copy =
          assertType(
              w.call(
                  "{\"type\":\"shallow_copy_request\",\"id\":"
                      + signed(first)
                      + ",\"extra\":{\"note\":\"copied\"}}"),
              "shallow_copy_reply");
      long target = id(copy.path("target_id"));
      assertNotEquals(first, target);
      JsonNode t =
          w.call("{\"type\":\"get_data_request\",\"id\":[" + signed(target) + "]}")
              .path("content")
              .path(text(target));
      assertEquals("copied", t.path("note").asText(), t.toString());
      assertEquals(text(b1), t.path("first_").path("id").asText(), "members shared, not copied");
      assertError(
          w.call("{\"type\":\"shallow_copy_request\",\"id\":" + signed(b1) + "}"), 7, "blob");
      assertError(
          w.call("{\"type\":\"shallow_copy_request\",\"id\":" + unsigned(first + 99) + "}"),
          12,
          "does not exist");
      for (JsonNode id : r.path("ids")) {
        w.call(
            "{\"type\":\"del_data_request\",\"id\":["
                + id.asText()
                + "],\"force\":true,\"deep\":true}");
      }
    }
  }

  @Test
  void treeErrorsAndInstanceViews() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      assertError(
          w.call("{\"type\":\"create_data_request\",\"content\":{\"nbytes\":0}}"), 21, "typename");
      assertError(
          w.call(
              "{\"type\":\"create_data_request\",\"content\":{\"typename\":\"vineyard::Blob\"}}"),
          7,
          "create_buffer");
      assertError(
          w.call(
              "{\"type\":\"create_data_request\",\"content\":{\"typename\":\"x::Y\",\"m_\":{\"id\":\"o0000000000000abc\",\"typename\":\"x::Z\"}}}"),
          12,
          "o0000000000000abc");
      assertError(w.call("{\"type\":\"if_persist_request\",\"id\":12345}"), 27, "");
      assertError(w.call("{\"type\":\"persist_request\",\"id\":12345}"), 12, "");
      JsonNode status =
          assertType(w.call("{\"type\":\"instance_status_request\"}"), "instance_status_reply");
      for (String f :
          new String[] {
            "instance_id",
            "deployment",
            "memory_usage",
            "memory_limit",
            "deferred_requests",
            "ipc_connections",
            "rpc_connections"
          }) {
        assertTrue(status.path("meta").has(f), f + " in " + status);
      }
      JsonNode cluster = assertType(w.call("{\"type\":\"cluster_meta\"}"), "cluster_meta");
      assertEquals(1, cluster.path("meta").size(), cluster.toString());
    }
  }

  private static int count(Wire w) throws Exception {
    return w.call(
            "{\"type\":\"list_data_request\",\"pattern\":\"conformance::*\",\"limit\":100000}")
        .path("content")
        .size();
  }
}
