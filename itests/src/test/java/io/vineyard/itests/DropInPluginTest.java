package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.client.Vineyard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A third party's plugin jar (example-point/, {@code example::Point}) dropped into a running
 * runtime's plugins folder is installed and validates trees without a restart; removing it
 * uninstalls it. Clients with the jar put and get points; clients without it see generic objects.
 */
class DropInPluginTest {
  static Path pluginJar() {
    Path jar =
        Path.of(
            System.getProperty("vineyard.example.point.jar", "example-point/target/missing.jar"));
    assertTrue(
        Files.isRegularFile(jar),
        "the example plugin is built first (itests/example-point): " + jar);
    return jar;
  }

  /** An example::Point tree whose buffer_ holds {@code bytes} bytes (16 is valid). */
  static ObjectMeta pointTree(VineyardClient client, int bytes) {
    try (BlobWriter w = client.createBlob(bytes)) {
      w.seal();
      return ObjectMeta.builder("example::Point")
          .nbytes(bytes)
          .member("buffer_", client.getMeta(w.id()))
          .build();
    }
  }

  /** Whether the runtime accepts the tree; a rejection must be code 1 naming buffer_. */
  static boolean accepted(VineyardClient client, ObjectMeta tree) {
    try {
      client.delete(List.of(client.createMetadata(tree).id()), false, false);
      return true;
    } catch (VineyardException.Invalid e) {
      assertTrue(
          e.getMessage().contains("'buffer_'") && e.getMessage().contains("example::Point"),
          e.getMessage());
      return false;
    }
  }

  @Test
  void droppedPluginValidatesAndServesClientsUntilRemoved() throws Exception {
    Path jar = pluginJar();
    try (RuntimeProcess rt = RuntimeProcess.start("64M");
        VineyardClient client = Vineyard.connect(rt.socket)) {
      // this JVM has no example plugin: it sends trees unchecked, so the runtime decides
      ObjectMeta invalid = pointTree(client, 8);
      assertTrue(
          accepted(client, invalid), "an unknown typename is stored as it is (generic object)");

      Path dropped = rt.dropPlugin(jar, "example-point.jar");
      rt.await(
          "the dropped plugin did not start rejecting an 8-byte buffer_",
          () -> !accepted(client, invalid));
      VineyardException rejected =
          assertThrows(VineyardException.class, () -> client.createMetadata(invalid));
      assertEquals(1, rejected.code().code(), rejected.toString());
      assertTrue(accepted(client, pointTree(client, 16)), "a valid point is accepted");
      assertTrue(rt.process.isAlive(), "no restart");
      assertTrue(
          java.nio.file.Files.readString(rt.log)
              .contains("object-type plugin for example::Point installed"),
          "the install is logged with the plugin's typename");

      // a client JVM with the jar on its class path puts and gets the new type
      String put =
          ClientProcess.run(
              "64m",
              List.of(jar),
              "io.vineyard.itests.programs.PointClient",
              "put",
              rt.socket.toString());
      Matcher m = Pattern.compile("id=(o[0-7][0-9a-f]{15})").matcher(put);
      assertTrue(m.find(), put);
      assertTrue(put.contains("equal=true got=Point[x=1.5, y=-2.0]"), put);
      ObjectId id = ObjectId.parse(m.group(1));
      String get =
          ClientProcess.run(
              "64m",
              List.of(jar),
              "io.vineyard.itests.programs.PointClient",
              "get",
              rt.socket.toString(),
              id.toString());
      assertTrue(
          get.contains("view=Object <\"" + id + "\": example::Point> got=Point[x=1.5, y=-2.0]"),
          get);

      // this JVM, without the jar: a generic view, and get names the missing plugin
      VineyardObject generic = client.getObject(id);
      assertEquals("example::Point", generic.typename());
      assertEquals("GenericObject", generic.getClass().getSimpleName());
      assertEquals(
          16, generic.meta().member("buffer_").orElseThrow().number("length").orElseThrow());
      VineyardException.NotImplemented missing =
          assertThrows(VineyardException.NotImplemented.class, () -> client.get(id));
      assertTrue(missing.getMessage().contains("example::Point"), missing.getMessage());

      // removing the jar uninstalls the plugin: generic objects again
      Files.delete(dropped);
      rt.await(
          "the removed plugin still rejected an 8-byte buffer_", () -> accepted(client, invalid));
      assertTrue(rt.process.isAlive(), "no restart");
      assertEquals(id, client.getMeta(id).id(), "objects of the type outlive its plugin");
      assertTrue(
          java.nio.file.Files.readString(rt.log)
              .contains("object-type plugin for example::Point removed"),
          "the removal is logged with the plugin's typename");
    }
  }
}
