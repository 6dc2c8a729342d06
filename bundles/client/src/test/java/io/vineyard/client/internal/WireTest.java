package io.vineyard.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.Blob;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.api.spi.PluginRegistry;
import io.vineyard.posix.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client writes on the wire and how it copes with replies vineyardd may send. */
class WireTest {
  static final String BLOB = "o8000000000000abc";
  static final String BLOB_NUM = Long.toUnsignedString(ObjectId.parse(BLOB).value());
  Path dir;
  Path store;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory("vineyard-wire-test");
    store = Files.createTempFile(Path.of("/dev/shm"), "vineyard-wire-test", ".bin");
    byte[] bytes = new byte[8192];
    System.arraycopy("Hello, World!".getBytes(StandardCharsets.US_ASCII), 0, bytes, 4096, 13);
    Files.write(store, bytes);
  }

  @AfterEach
  void tearDown() throws IOException {
    Files.deleteIfExists(store);
    Files.deleteIfExists(dir.resolve("s.sock"));
    Files.deleteIfExists(dir);
  }

  IpcClient connect() {
    return IpcClient.connect(
        dir.resolve("s.sock"), PluginRegistry.serviceLoader(getClass().getClassLoader()), null);
  }

  ScriptedPeer.Step sendStore(String replyJson) {
    return (req, s) -> {
      ScriptedPeer.reply(s, replyJson);
      int fd = Posix.open(store, Posix.O_RDWR, 0);
      try {
        s.sendFd(fd);
      } finally {
        Posix.close(fd);
      }
    };
  }

  @Test
  void registersLikeThePythonClientAndSaysGoodbye() throws Exception {
    try (ScriptedPeer peer =
        new ScriptedPeer(dir.resolve("s.sock"), List.of(ScriptedPeer.register()))) {
      IpcClient client = connect();
      assertEquals(7, client.instanceId());
      client.close();
      List<ObjectNode> sent = peer.finish();
      assertEquals(
          "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1,\"session_id\":0,\"username\":\"\",\"password\":\"\"}",
          sent.get(0).toString());
      assertEquals("{\"type\":\"exit_request\"}", sent.get(1).toString());
      assertEquals(2, sent.size());
    }
  }

  @Test
  void oldStyleGetBuffersRepliesWithNumberedPayloadsAndABlobTakesOneRoundTrip() throws Exception {
    String payload =
        "{\"object_id\":"
            + BLOB_NUM
            + ",\"store_fd\":33,\"data_offset\":4096,\"data_size\":13,\"map_size\":8200,\"pointer\":0}";
    try (ScriptedPeer peer =
        new ScriptedPeer(
            dir.resolve("s.sock"),
            List.of(
                ScriptedPeer.register(),
                sendStore("{\"type\":\"get_buffers_reply\",\"num\":1,\"0\":" + payload + "}")))) {
      try (IpcClient client = connect()) {
        Blob blob = (Blob) client.getObject(ObjectId.parse(BLOB));
        assertEquals("Hello, World!", StandardCharsets.US_ASCII.decode(blob.buffer()).toString());
        assertEquals(13, blob.meta().number("length").orElseThrow());
        assertEquals(7, blob.meta().instanceId());
      }
      List<ObjectNode> sent = peer.finish();
      // a blob's tree follows from its payload: no get_data_request before the get_buffers_request
      assertEquals(
          "{\"type\":\"get_buffers_request\",\"num\":1,\"0\":" + BLOB_NUM + ",\"unsafe\":false}",
          sent.get(1).toString());
    }
  }

  @Test
  void errorRepliesAreTypedAndKeepTheConnection() throws Exception {
    try (ScriptedPeer peer =
        new ScriptedPeer(
            dir.resolve("s.sock"),
            List.of(
                ScriptedPeer.register(),
                (req, s) ->
                    ScriptedPeer.reply(s, "{\"code\":41,\"message\":\"no room for 10 bytes\"}"),
                (req, s) ->
                    ScriptedPeer.reply(s, "{\"type\":\"exists_reply\",\"exists\":true}")))) {
      try (IpcClient client = connect()) {
        VineyardException e =
            assertThrows(VineyardException.NotEnoughMemory.class, () -> client.createBlob(10));
        assertEquals("no room for 10 bytes", e.getMessage());
        assertTrue(client.exists(ObjectId.of(5)));
      }
    }
  }

  @Test
  void aWrongFdAnnouncementBreaksTheConnection() throws Exception {
    // store_fd 33 is new to this connection but the reply says no fd follows
    String payload =
        "{\"object_id\":"
            + BLOB_NUM
            + ",\"store_fd\":33,\"data_offset\":0,\"data_size\":10,\"map_size\":8200,\"pointer\":0}";
    try (ScriptedPeer peer =
        new ScriptedPeer(
            dir.resolve("s.sock"),
            List.of(
                ScriptedPeer.register(),
                (req, s) ->
                    ScriptedPeer.reply(
                        s,
                        "{\"type\":\"create_buffer_reply\",\"id\":"
                            + BLOB_NUM
                            + ",\"fd\":-1,\"created\":"
                            + payload
                            + "}")))) {
      try (IpcClient client = connect()) {
        VineyardException e =
            assertThrows(VineyardException.UnknownError.class, () -> client.createBlob(10));
        assertTrue(e.getMessage().contains("fd set is not matched"), e.getMessage());
        assertThrows(VineyardException.ConnectionError.class, () -> client.exists(ObjectId.of(5)));
      }
      assertFalse(
          peer.finish().stream().anyMatch(r -> r.path("type").asText().equals("exists_request")));
    }
  }
}
