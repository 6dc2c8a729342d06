package io.vineyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginTable;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.protocol.RawJson;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * create_data checks the tree with the plugin of its typename; plugins that fail do not stop the
 * server.
 */
class PluginValidationTest {
  final PluginTable plugins = new PluginTable();
  final AtomicReference<ObjectMeta> seen = new AtomicReference<>();
  ServerFixture fx;
  RawClient c;

  /** A plugin that only validates (the server never puts or resolves). */
  record Validating(String typename, Consumer<ObjectMeta> check) implements ObjectTypePlugin {
    @Override
    public boolean canPut(Object value) {
      return false;
    }

    @Override
    public ObjectMeta put(Object value, PutContext ctx) {
      throw new UnsupportedOperationException();
    }

    @Override
    public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object resolve(ObjectMeta meta, ResolveContext ctx) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void validate(ObjectMeta meta) {
      check.accept(meta);
    }
  }

  /** test::Vector: member buffer_ present, size_ (doubles) consistent with the blob's length. */
  void checkVector(ObjectMeta meta) {
    seen.set(meta);
    ObjectMeta buffer =
        meta.member("buffer_")
            .orElseThrow(
                () ->
                    new VineyardException.Invalid(
                        meta.typename() + ": member 'buffer_' is missing"));
    long size =
        meta.number("size_")
            .orElseThrow(
                () ->
                    new VineyardException.Invalid(meta.typename() + ": field 'size_' is missing"));
    long length = buffer.number("length").orElse(-1L);
    if (size * 8 != length) {
      throw new VineyardException.Invalid(
          meta.typename()
              + ": field 'size_' = "
              + size
              + " needs "
              + size * 8
              + " bytes, but member 'buffer_' holds "
              + length);
    }
  }

  @BeforeEach
  void start() throws Exception {
    plugins.add("test::Vector", 0, new Validating("test::Vector", this::checkVector));
    plugins.add(
        "test::Faulty",
        0,
        new Validating(
            "test::Faulty",
            m -> {
              throw new IllegalStateException("boom in " + m.typename());
            }));
    fx = new ServerFixture(16L << 20, plugins);
    c = RawClient.registered(fx.socket());
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
    fx.close();
  }

  static String vector(long size, ObjectId buffer) {
    return "{\"typename\":\"test::Vector<double>\",\"size_\":"
        + size
        + ",\"buffer_\":{\"id\":\""
        + buffer
        + "\"}}";
  }

  int stored(String pattern) throws Exception {
    return c.call(
            "{\"type\":\"list_data_request\",\"pattern\":\""
                + pattern
                + "\",\"regex\":false,\"limit\":100}")
        .get("content")
        .size();
  }

  static void assertInvalid(ObjectNode reply, String... fragments) {
    assertEquals(1, reply.path("code").asInt(), reply.toString());
    for (String f : fragments) {
      assertTrue(
          reply.path("message").asText().contains(f),
          "message should mention '" + f + "': " + reply);
    }
  }

  @Test
  void inconsistentTreeIsRejectedNamingTheField() throws Exception {
    ObjectId blob = c.sealedBlob(64);
    assertInvalid(c.createData(vector(9, blob)), "size_", "buffer_", "72", "64");
    assertInvalid(c.createData("{\"typename\":\"test::Vector<double>\",\"size_\":8}"), "buffer_");
    assertEquals(0, stored("test::*"), "a rejected tree is not stored");

    ObjectNode ok = c.createData(vector(8, blob));
    assertEquals("create_data_reply", ok.path("type").asText(), ok.toString());
    assertEquals(1, stored("test::*"));
    // the plugin sees the tree as it is stored: members expanded, id assigned
    ObjectMeta checked = seen.get();
    assertEquals(RawJson.id(ok, "id"), checked.id());
    assertEquals("vineyard::Blob", checked.member("buffer_").orElseThrow().typename());
    assertEquals(64L, checked.member("buffer_").orElseThrow().number("length").orElseThrow());
  }

  @Test
  void throwingPluginFailsTheRequestWithItsNameAndTheServerKeepsServing() throws Exception {
    assertInvalid(
        c.createData("{\"typename\":\"test::Faulty<int>\",\"x\":1}"),
        "plugin test::Faulty failed validating test::Faulty<int>",
        "IllegalStateException",
        "boom");
    assertEquals(0, stored("*"));
    // the same connection, and the other plugins, keep working
    ObjectId blob = c.sealedBlob(16);
    assertEquals("create_data_reply", c.createData(vector(2, blob)).path("type").asText());
    assertEquals(
        "instance_status_reply",
        c.call("{\"type\":\"instance_status_request\"}").path("type").asText());
  }

  @Test
  void unknownTypenameIsStoredAsItIs() throws Exception {
    ObjectId blob = c.sealedBlob(8);
    ObjectNode r =
        c.createData(
            "{\"typename\":\"example::Unknown\",\"anything\":\"goes\",\"buffer_\":{\"id\":\""
                + blob
                + "\"}}");
    assertEquals("create_data_reply", r.path("type").asText(), r.toString());
    assertEquals(1, stored("example::Unknown"));
  }

  @Test
  void pluginsAddedLaterCheckNewTreesButNotTheirMembersAgain() throws Exception {
    ObjectId gadget =
        RawJson.id(c.createData("{\"typename\":\"test::Gadget\",\"broken\":true}"), "id");
    plugins.add(
        "test::Gadget",
        0,
        new Validating(
            "test::Gadget",
            m -> {
              if (m.has("broken")) {
                throw new VineyardException.Invalid("test::Gadget: field 'broken' is not allowed");
              }
            }));
    assertInvalid(c.createData("{\"typename\":\"test::Gadget\",\"broken\":true}"), "'broken'");
    ObjectNode box =
        c.createData("{\"typename\":\"test::Box\",\"gadget_\":{\"id\":\"" + gadget + "\"}}");
    assertEquals(
        "create_data_reply",
        box.path("type").asText(),
        "members were checked when created: " + box);
  }
}
