package io.vineyard.itests.conformance;

import static io.vineyard.itests.conformance.Wire.assertError;
import static io.vineyard.itests.conformance.Wire.assertType;
import static io.vineyard.itests.conformance.Wire.id;
import static io.vineyard.itests.conformance.Wire.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Locks and sessions over raw frames. */
@ExtendWith(ConformanceRuntime.class)
class SessionAndLockConformanceTest {

  @Test
  void aLockIsHeldByOneConnectionUntilReleaseOrDisconnect() throws Exception {
    try (Wire a = Wire.registered(ConformanceRuntime.socket());
        Wire b = Wire.registered(ConformanceRuntime.socket())) {
      JsonNode got =
          assertType(
              a.call("{\"type\":\"acquire_lock_request\",\"key\":\"conf-lock\"}"),
              "acquire_lock_reply");
      assertTrue(got.path("result").asBoolean(), got.toString());
      assertEquals("conf-lock", got.path("key").asText());
      assertTrue(
          a.call("{\"type\":\"acquire_lock_request\",\"key\":\"conf-lock\"}")
              .path("result")
              .asBoolean(),
          "re-entrant for its holder");
      assertFalse(
          b.call("{\"type\":\"acquire_lock_request\",\"key\":\"conf-lock\"}")
              .path("result")
              .asBoolean());
      assertFalse(
          assertType(
                  b.call("{\"type\":\"release_lock_request\",\"key\":\"conf-lock\"}"),
                  "release_lock_reply")
              .path("result")
              .asBoolean(),
          "only the holder releases");
      assertTrue(
          a.call("{\"type\":\"release_lock_request\",\"key\":\"conf-lock\"}")
              .path("result")
              .asBoolean());
      assertTrue(
          b.call("{\"type\":\"acquire_lock_request\",\"key\":\"conf-lock\"}")
              .path("result")
              .asBoolean());
      assertError(a.call("{\"type\":\"acquire_lock_request\",\"key\":\"\"}"), 1, "key");
      assertError(a.call("{\"type\":\"acquire_lock_request\"}"), 1, "key");
    }
    try (Wire c = Wire.registered(ConformanceRuntime.socket())) {
      assertTrue(
          Wire.eventually(
              () ->
                  c.call("{\"type\":\"acquire_lock_request\",\"key\":\"conf-lock\"}")
                      .path("result")
                      .asBoolean()),
          "a lock of a connection that went away is free again");
    }
  }

  @Test
  void aSessionHasItsOwnSocketStoreAndObjects() throws Exception {
    Path socket;
    long inSession;
    try (Wire root = Wire.registered(ConformanceRuntime.socket())) {
      JsonNode s =
          assertType(
              root.call("{\"type\":\"new_session_request\",\"bulk_store_type\":1}"),
              "new_session_reply");
      socket = Path.of(s.path("socket_path").asText());
      assertTrue(Files.exists(socket), s.toString());
      try (Wire w = Wire.connect(socket)) {
        JsonNode reg =
            w.call("{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1}");
        long session = assertType(reg, "register_reply").path("session_id").asLong();
        assertTrue(session != 0, reg.toString());
        assertEquals(socket.toString(), reg.path("ipc_socket").asText());
        inSession =
            id(
                w.call(
                        "{\"type\":\"create_data_request\",\"content\":{\"typename\":\"conformance::InSession\"}}")
                    .path("id"));
        assertTrue(
            w.call("{\"type\":\"exists_request\",\"id\":" + signed(inSession) + "}")
                .path("exists")
                .asBoolean());
        assertFalse(
            root.call("{\"type\":\"exists_request\",\"id\":" + signed(inSession) + "}")
                .path("exists")
                .asBoolean(),
            "a session is a namespace of its own");
        try (Wire again = Wire.connect(socket)) {
          assertType(
              again.call("{\"type\":\"register_request\",\"session_id\":" + session + "}"),
              "register_reply");
        }
        assertError(
            root.call("{\"type\":\"register_request\",\"session_id\":" + session + "}"),
            1,
            "not served");
        // clear_request empties the session's store and metadata, and nothing else
        JsonNode blob = w.call("{\"type\":\"create_buffer_request\",\"size\":32}");
        if (blob.path("fd").asInt() != -1) {
          w.receiveFd();
        }
        w.call("{\"type\":\"seal_request\",\"object_id\":" + blob.path("id").asText() + "}");
        assertType(w.call("{\"type\":\"clear_request\"}"), "clear_reply");
        assertFalse(
            w.call("{\"type\":\"exists_request\",\"id\":" + signed(inSession) + "}")
                .path("exists")
                .asBoolean());
        assertFalse(
            w.call("{\"type\":\"exists_request\",\"id\":" + blob.path("id").asText() + "}")
                .path("exists")
                .asBoolean());
        assertType(root.call("{\"type\":\"instance_status_request\"}"), "instance_status_reply");
        assertType(w.call("{\"type\":\"delete_session_request\"}"), "delete_session_reply");
        assertTrue(Wire.eventually(w::closedByServer), "the connection ends after the reply");
      }
      assertError(
          root.call("{\"type\":\"new_session_request\",\"bulk_store_type\":2}"),
          1,
          "bulk_store_type");
    }
    assertTrue(
        Wire.eventually(() -> !Files.exists(socket)),
        "a deleted session stops serving once its clients left");
  }
}
