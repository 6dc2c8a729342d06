package io.vineyard.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.itests.inprocess.InProcessUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Bundles deployed into a runtime process use the in-process {@code VineyardClient} service: each
 * bundle gets its own connection to the runtime's socket, with the runtime's plugins, and the
 * connection closes when the bundle goes away.
 */
class InProcessClientTest {

  /** Packs {@link InProcessUser} and its DS descriptor as a bundle with the given symbolic name. */
  static Path userBundle(Path dir, String symbolicName) throws IOException {
    Manifest manifest;
    try (InputStream in = resource("inprocess-bundle/MANIFEST.MF")) {
      manifest = new Manifest(in);
    }
    manifest.getMainAttributes().put(new Attributes.Name("Bundle-SymbolicName"), symbolicName);
    Path jar = dir.resolve(symbolicName + ".jar");
    String classFile = InProcessUser.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream xml = resource("inprocess-bundle/OSGI-INF/in-process-user.xml");
        InputStream cls = resource(classFile)) {
      out.putNextEntry(new JarEntry("OSGI-INF/in-process-user.xml"));
      xml.transferTo(out);
      out.putNextEntry(new JarEntry(classFile));
      cls.transferTo(out);
    }
    return jar;
  }

  static InputStream resource(String name) throws IOException {
    InputStream in = InProcessClientTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("no " + name + " on the test class path");
    }
    return in;
  }

  static List<ObjectMeta> reports(VineyardClient client) {
    return client.list("itests::InProcessReport", false, 10);
  }

  @Test
  void eachDeployedBundleGetsItsOwnConnectionWithSocketSemantics() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("64M");
        VineyardClient client = Vineyard.connect(rt.socket)) {
      rt.await(
          "the launcher's probe connection did not end",
          () -> client.status().ipcConnections() == 1);
      Path a = rt.dropPlugin(userBundle(rt.work, "io.vineyard.itests.inprocess.a"), "user-a.jar");
      Path b = rt.dropPlugin(userBundle(rt.work, "io.vineyard.itests.inprocess.b"), "user-b.jar");
      rt.await("the two deployed bundles did not report", () -> reports(client).size() == 2);

      for (ObjectMeta report : reports(client)) {
        assertEquals(
            "true",
            report.string("same_bytes").orElseThrow(),
            "put then get in-process: " + report);
        assertEquals(
            "true",
            report.string("read_only").orElseThrow(),
            "a view of shared memory, as for socket clients: " + report);
        assertEquals(client.instanceId(), report.number("client_instance").orElseThrow());
        // what the bundle put is an ordinary object of the instance: this socket client reads it
        ObjectMeta blob = report.member("blob_").orElseThrow();
        ByteBuffer bytes = (ByteBuffer) client.get(blob.id());
        assertEquals(InProcessUser.TEXT, UTF_8.decode(bytes).toString());
      }
      assertEquals(
          3,
          client.status().ipcConnections(),
          "one connection per using bundle, open while it uses the service");

      Files.delete(a);
      rt.await(
          "the uninstalled bundle's connection did not close",
          () -> client.status().ipcConnections() == 2);
      Files.delete(b);
      rt.await(
          "the second bundle's connection did not close",
          () -> client.status().ipcConnections() == 1);
      assertTrue(rt.process.isAlive());
    }
  }
}
