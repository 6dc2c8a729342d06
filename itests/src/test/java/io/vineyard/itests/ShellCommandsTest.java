package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The vineyard:* commands in the Gogo shell of a runtime started with --shell. */
class ShellCommandsTest {
  @Test
  void readOnlyCommandsRunInTheShell() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("128M", "--shell")) {
      ObjectId blob;
      ObjectId array;
      try (VineyardClient client = Vineyard.connect(rt.socket)) {
        blob = client.put("shell".getBytes(StandardCharsets.UTF_8));
        array = client.put(new double[] {1, 2, 3});
      }
      Writer in = new OutputStreamWriter(rt.process.getOutputStream(), StandardCharsets.UTF_8);
      in.write("vineyard:status\n");
      in.write("vineyard:ls\n");
      in.write("vineyard:ls 'vineyard::Array*'\n");
      in.write("vineyard:get " + array + "\n");
      in.write("vineyard:cluster\n");
      in.write("vineyard:plugins\n");
      in.flush();
      // the last command's last row: the plugins are sorted by typename, vineyard::Tensor last
      String out = readUntil(rt, "vineyard-plugin-tensor");
      assertTrue(out.contains(" of 128.0 MiB"), out); // status
      assertTrue(out.contains("role") && out.contains("Leader"), out);
      assertTrue(out.contains(blob.toString()) && out.contains("vineyard::Blob"), out); // ls
      assertTrue(out.contains("vineyard::Array<double>"), out); // ls, get
      assertTrue(out.contains("size_: 3") && out.contains("buffer_: o"), out); // get
      assertTrue(out.contains(rt.socket.toString()), out); // cluster
      assertTrue(out.contains("vineyard::Blob") && out.contains("vineyard-plugin-blob"), out);
      assertTrue(!out.contains("Command not found"), out);
    }
  }

  /** The shell's output up to the line containing {@code last}; fails after 60 s with it. */
  private static String readUntil(RuntimeProcess rt, String last) throws Exception {
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Boolean> found =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = rt.stdout.readLine()) != null) {
                  synchronized (seen) {
                    seen.append(line).append('\n');
                  }
                  if (line.contains(last)) {
                    return true;
                  }
                }
                return false;
              } catch (IOException e) {
                return false;
              }
            });
    boolean ok;
    try {
      ok = found.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      ok = false;
    }
    synchronized (seen) {
      assertTrue(ok, "no line with " + last + " from the shell; its output:\n" + seen);
      return seen.toString();
    }
  }
}
