package io.vineyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.protocol.RawJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metadata over the wire: create_data with members, get_data, list_data and deletes. */
class DataProtocolTest {
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

  ObjectId create(String content) throws Exception {
    ObjectNode r = c.createData(content);
    assertEquals("create_data_reply", r.path("type").asText(), r.toString());
    assertEquals(0, r.get("instance_id").asLong());
    return RawJson.id(r, "id");
  }

  ObjectNode tree(ObjectId id) throws Exception {
    return (ObjectNode)
        c.call(
                "{\"type\":\"get_data_request\",\"id\":["
                    + id.toUnsignedString()
                    + "],\"sync_remote\":true,\"wait\":false}")
            .get("content")
            .get(id.toString());
  }

  @Test
  void membersAreExpandedFromTheStore() throws Exception {
    ObjectId blob = c.sealedBlob(64);
    ObjectId array =
        create(
            "{\"typename\":\"vineyard::Array<double>\",\"size_\":8,\"nbytes\":64,\"buffer_\":{\"id\":\""
                + blob
                + "\"}}");
    assertFalse(array.isBlob());
    ObjectNode t = tree(array);
    assertEquals("vineyard::Array<double>", t.get("typename").asText());
    assertEquals(array.toString(), t.get("id").asText());
    assertTrue(t.get("transient").asBoolean());
    assertEquals("vineyard::Blob", t.get("buffer_").get("typename").asText());
    assertEquals(64, t.get("buffer_").get("length").asLong());
    ObjectId pair =
        create(
            "{\"typename\":\"vineyard::Pair\",\"first_\":{\"id\":\""
                + array
                + "\"},\"second_\":{\"id\":\""
                + array
                + "\"}}");
    assertEquals("vineyard::Array<double>", tree(pair).get("first_").get("typename").asText());

    ObjectNode listed =
        c.call(
            "{\"type\":\"list_data_request\",\"pattern\":\"vineyard::Array*\",\"regex\":false,\"limit\":10}");
    assertEquals("get_data_reply", listed.path("type").asText());
    assertEquals(1, listed.get("content").size());
    ObjectNode regex =
        c.call(
            "{\"type\":\"list_data_request\",\"pattern\":\"vineyard::(Pair|Blob)\",\"regex\":true,\"limit\":10}");
    assertEquals(2, regex.get("content").size(), regex.toString());
  }

  @Test
  void deleteRespectsUsersUnlessForcedAndDeepRemovesMembers() throws Exception {
    ObjectId blob = c.sealedBlob(64);
    ObjectId array =
        create(
            "{\"typename\":\"vineyard::Array<double>\",\"size_\":8,\"nbytes\":64,\"buffer_\":{\"id\":\""
                + blob
                + "\"}}");
    ObjectId pair =
        create(
            "{\"typename\":\"vineyard::Pair\",\"first_\":{\"id\":\""
                + array
                + "\"},\"second_\":{\"id\":\""
                + blob
                + "\"}}");
    ObjectNode refused =
        c.call(
            "{\"type\":\"del_data_request\",\"id\":["
                + array.toUnsignedString()
                + "],\"force\":false,\"deep\":true}");
    assertEquals(1, refused.path("code").asInt(), refused.toString());
    assertTrue(refused.path("message").asText().contains(pair.toString()));
    assertTrue(tree(array) != null, "nothing deleted by a refused request");

    ObjectNode deleted =
        c.call(
            "{\"type\":\"del_data_with_feedbacks_request\",\"id\":["
                + pair.toUnsignedString()
                + "],\"force\":false,\"deep\":true}");
    assertEquals(
        "del_data_with_feedbacks_reply", deleted.path("type").asText(), deleted.toString());
    assertEquals(blob, RawJson.ids(deleted, "deleted_bids").get(0));
    for (ObjectId id : new ObjectId[] {pair, array, blob}) {
      assertFalse(
          c.call("{\"type\":\"exists_request\",\"id\":" + id.toUnsignedString() + "}")
              .get("exists")
              .asBoolean(),
          id.toString());
    }
  }

  @Test
  void getDataWithWaitAnswersWhenTheObjectExists() throws Exception {
    ObjectId blob =
        c.sealedBlob(
            8); // its ID is known before it is named in a tree: wait on a blob of this instance
    try (RawClient waiter = RawClient.registered(fx.socket())) {
      ObjectNode now =
          waiter.call(
              "{\"type\":\"get_data_request\",\"id\":["
                  + blob.toUnsignedString()
                  + "],\"wait\":true}");
      assertEquals(1, now.get("content").size(), "present: no wait");
      ObjectId later = ObjectId.parse("o8000000000000777");
      java.util.concurrent.CompletableFuture<ObjectNode> waiting =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try {
                  return waiter.call(
                      "{\"type\":\"get_data_request\",\"id\":["
                          + later.toUnsignedString()
                          + "],\"wait\":true}");
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      Thread.sleep(200);
      assertFalse(waiting.isDone(), "waits for the missing object");
      ObjectNode noWait =
          c.call(
              "{\"type\":\"get_data_request\",\"id\":["
                  + later.toUnsignedString()
                  + "],\"wait\":false}");
      assertEquals(0, noWait.get("content").size(), "other connections are not held up");
      waiter.socket
          .shutdown(); // the client goes away: the server stops waiting and the connection ends
      assertThrows(
          java.util.concurrent.ExecutionException.class,
          () -> waiting.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }
  }

  @Test
  void forceDeletesUsers() throws Exception {
    ObjectId blob = c.sealedBlob(8);
    ObjectId holder = create("{\"typename\":\"my::Holder\",\"b_\":{\"id\":\"" + blob + "\"}}");
    ObjectNode r =
        c.call(
            "{\"type\":\"del_data_request\",\"id\":["
                + blob.toUnsignedString()
                + "],\"force\":true,\"deep\":false}");
    assertEquals("del_data_reply", r.path("type").asText(), r.toString());
    assertFalse(
        c.call("{\"type\":\"exists_request\",\"id\":" + holder.toUnsignedString() + "}")
            .get("exists")
            .asBoolean());
  }
}
