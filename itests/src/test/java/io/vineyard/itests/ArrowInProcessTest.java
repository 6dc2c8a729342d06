package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.itests.inprocess.arrow.ArrowInProcessUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Arrow inside the runtime: a bundle deployed into it builds a batch with the store allocator, puts
 * it and gets it back through the runtime's Arrow plugin bundle (Arrow's allocators, the foreign
 * allocations over blobs and the store allocation managers all running in Felix); this socket
 * client reads the same batch.
 */
class ArrowInProcessTest {

  static Path userBundle(Path dir) throws IOException {
    Manifest manifest;
    try (InputStream in = InProcessClientTest.resource("arrow-inprocess-bundle/MANIFEST.MF")) {
      manifest = new Manifest(in);
    }
    Path jar = dir.resolve("arrow-user.jar");
    String classFile = ArrowInProcessUser.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream xml =
            InProcessClientTest.resource(
                "arrow-inprocess-bundle/OSGI-INF/arrow-in-process-user.xml");
        InputStream cls = InProcessClientTest.resource(classFile)) {
      out.putNextEntry(new JarEntry("OSGI-INF/arrow-in-process-user.xml"));
      xml.transferTo(out);
      out.putNextEntry(new JarEntry(classFile));
      cls.transferTo(out);
    }
    return jar;
  }

  static List<ObjectMeta> reports(VineyardClient client) {
    return client.list("itests::ArrowInProcessReport", false, 10);
  }

  @Test
  void aBundleInTheRuntimePutsAndGetsArrowBatches() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("64M");
        VineyardClient client = Vineyard.connect(rt.socket)) {
      rt.dropPlugin(userBundle(rt.work), "arrow-user.jar");
      rt.await("the deployed Arrow bundle did not report", () -> reports(client).size() == 1);
      ObjectMeta report = reports(client).get(0);
      long n = ArrowInProcessUser.ROWS;
      long expected = (n - 1) * n * (2 * n - 1) / 6;
      assertEquals(n, report.number("rows").orElseThrow(), report.toString());
      assertEquals(expected, report.number("sum").orElseThrow(), report.toString());
      ObjectMeta batch = report.member("batch_").orElseThrow();
      try (VectorSchemaRoot root = (VectorSchemaRoot) client.get(batch.id())) {
        BigIntVector v = (BigIntVector) root.getVector("squares");
        long sum = 0;
        for (int i = 0; i < root.getRowCount(); i++) {
          sum += v.get(i);
        }
        assertEquals(expected, sum);
      }
    }
  }
}
