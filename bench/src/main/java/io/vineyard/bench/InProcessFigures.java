package io.vineyard.bench;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardClient;
import io.vineyard.bench.inprocess.InProcessLoop;
import io.vineyard.client.Vineyard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * P7: the P3 loop run by a bundle inside the runtime through the in-process client service. The
 * bench packs {@link InProcessLoop} with a DS descriptor into a bundle, drops it into the runtime's
 * plugins folder (FileInstall starts it), and reads the report it leaves.
 */
final class InProcessFigures {
  private InProcessFigures() {}

  static void measure(Bench bench, LaunchedRuntime rt) throws Exception {
    int pairs = bench.quick ? 1_000 : 10_000;
    Path jar = bundle(rt.work, pairs);
    Path staged = Files.copy(jar, rt.work.resolve("bench-in-process.jar.part"));
    Files.move(staged, rt.plugins.resolve("bench-in-process.jar"), StandardCopyOption.ATOMIC_MOVE);
    ObjectMeta report = null;
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (report == null && System.nanoTime() < deadline) {
        List<ObjectMeta> found = c.list("bench::InProcessReport", false, 1);
        if (found.isEmpty()) {
          Thread.sleep(200); // FileInstall polls its folder every second
        } else {
          report = found.getFirst();
        }
      }
    } finally {
      Files.deleteIfExists(rt.plugins.resolve("bench-in-process.jar"));
    }
    if (report == null || report.has("error")) {
      throw new IllegalStateException(
          "the in-process loop "
              + (report == null ? "did not report within 180 s" : "failed: " + report)
              + "; the runtime's log:\n"
              + Files.readString(rt.log));
    }
    double v = Double.parseDouble(report.string("pairs_per_s").orElseThrow());
    Double redis =
        bench.results.measures().stream()
            .filter(m -> m.id().equals("P3") && m.baselineValue() != null)
            .map(Measure::baselineValue)
            .findFirst()
            .orElse(null);
    bench.add(
        Measure.compared(
            "P7",
            "16 B put+get pairs/s, in-process client (a bundle in the runtime)",
            v,
            "pairs/s",
            redis == null
                ? "Redis SET+GET, Jedis (MISSING: needs the P3 row's Redis)"
                : "Redis SET+GET, Jedis (P3's)",
            redis,
            Goal.ratioAtLeast(5)));
  }

  /** The bundle: InProcessLoop's class and a descriptor, as bnd would make them. */
  static Path bundle(Path dir, int pairs) throws IOException {
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Bundle-ManifestVersion", "2");
    a.putValue("Bundle-SymbolicName", "io.vineyard.bench.inprocess");
    a.putValue("Bundle-Version", "1.0.0");
    a.putValue("Import-Package", "io.vineyard.api");
    a.putValue(
        "Require-Capability",
        "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\"");
    a.putValue("Service-Component", "OSGI-INF/in-process-loop.xml");
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0"
            name="io.vineyard.bench.inprocess.InProcessLoop" immediate="true" activate="activate">
          <implementation class="io.vineyard.bench.inprocess.InProcessLoop"/>
          <property name="pairs" type="Integer" value="%d"/>
          <reference name="client" interface="io.vineyard.api.VineyardClient" field="client"/>
        </scr:component>
        """
            .formatted(pairs);
    String classFile = InProcessLoop.class.getName().replace('.', '/') + ".class";
    Path jar = dir.resolve("bench-in-process.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        InputStream cls = InProcessLoop.class.getClassLoader().getResourceAsStream(classFile)) {
      out.putNextEntry(new JarEntry("OSGI-INF/in-process-loop.xml"));
      out.write(xml.getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry(classFile));
      cls.transferTo(out);
    }
    return jar;
  }
}
