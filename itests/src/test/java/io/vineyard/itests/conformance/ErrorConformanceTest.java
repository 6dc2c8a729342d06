package io.vineyard.itests.conformance;

import static io.vineyard.itests.conformance.Wire.assertError;
import static io.vineyard.itests.conformance.Wire.assertType;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the server answers to what it does not take: requests before register, unknown and unserved
 * commands (code 1 naming them, as vineyardd's "Got unexpected command"), malformed JSON and
 * fields, and exit_request (no reply, the connection ends).
 */
@ExtendWith(ConformanceRuntime.class)
class ErrorConformanceTest {

  @Test
  void registerComesFirst() throws Exception {
    try (Wire w = Wire.connect(ConformanceRuntime.socket())) {
      assertError(
          w.call("{\"type\":\"create_buffer_request\",\"size\":1}"), 1, "create_buffer_request");
      assertType(w.call("{\"type\":\"register_request\"}"), "register_reply");
      assertType(w.call("{\"type\":\"exists_request\",\"id\":1}"), "exists_reply");
    }
  }

  /** vineyardd's requests this instance does not serve: plasma, GPU, disk, arenas, debugging. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "make_arena_request",
        "finalize_arena_request",
        "create_buffer_by_plasma_request",
        "get_buffers_by_plasma_request",
        "plasma_seal_request",
        "plasma_release_request",
        "plasma_delete_data_request",
        "move_buffers_ownership_request",
        "create_disk_buffer_request",
        "create_gpu_buffer_request",
        "get_gpu_buffers_request",
        "request_fd_request",
        "debug_command",
        "no_such_request"
      })
  void unservedCommandsAnswerCodeOneNamingThem(String type) throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      assertError(
          w.call("{\"type\":\"" + type + "\",\"size\":1}"), 1, "Got unexpected command: " + type);
      assertType(w.call("{\"type\":\"exists_request\",\"id\":1}"), "exists_reply");
    }
  }

  @Test
  void malformedRequestsAreAnsweredAndTheConnectionGoesOn() throws Exception {
    try (Wire w = Wire.registered(ConformanceRuntime.socket())) {
      assertError(w.call("{\"type\":"), 1, "JSON");
      assertError(w.call("[1,2]"), 1, "object");
      assertError(w.call("{\"size\":3}"), 1, "type");
      assertError(w.call("{\"type\":\"seal_request\"}"), 1, "object_id");
      assertError(w.call("{\"type\":\"seal_request\",\"object_id\":\"x\"}"), 1, "object_id");
      assertError(
          w.call("{\"type\":\"seal_request\",\"object_id\":99999999999999999999999}"),
          1,
          "64 bits");
      assertError(w.call("{\"type\":\"get_buffers_request\",\"num\":2,\"0\":1}"), 1, "num");
      assertError(w.call("{\"type\":\"put_name_request\",\"object_id\":1,\"name\":5}"), 1, "name");
      assertType(w.call("{\"type\":\"exists_request\",\"id\":1}"), "exists_reply");
      w.send("{\"type\":\"exit_request\"}");
      assertTrue(Wire.eventually(w::closedByServer), "exit_request ends the connection");
    }
  }
}
