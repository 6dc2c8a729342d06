package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.itests.CtlProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every vineyardctl command as a process against a runtime process. */
class VineyardCtlTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyCommandAgainstARuntime() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("256M")) {
      String sock = rt.socket.toString();

      // put: a file becomes a blob; a large one with a progress bar
      byte[] small = new byte[1000];
      new Random(7).nextBytes(small);
      Path smallFile = Files.write(rt.work.resolve("small.bin"), small);
      Result put = ok(run(sock, "put", smallFile.toString()));
      String blob = put.out().strip();
      assertTrue(blob.matches("o[89a-f][0-9a-f]{15}"), put.toString());
      Path bigFile = rt.work.resolve("big.bin");
      try (var ch =
          java.nio.channels.FileChannel.open(
              bigFile,
              java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}), (64L << 20) - 1); // 64 MiB, sparse
      }
      Result bigPut = ok(run(sock, "put", "--progress", bigFile.toString()));
      assertTrue(bigPut.stderr().contains("100%"), bigPut.toString());
      String big = bigPut.out().strip();

      // cat: the bytes exactly
      assertArrayEquals(small, ok(run(sock, "cat", blob)).stdout());

      // an array and a composite of it, put by a Java client
      ObjectId array;
      try (VineyardClient client = Vineyard.connect(rt.socket)) {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
          values[i] = i;
        }
        array = client.put(values);
      }

      // ls: a table by default, JSON with --json, filtered by typename
      Result ls = ok(run(sock, "ls"));
      assertTrue(ls.out().startsWith("ID"), ls.toString());
      assertTrue(ls.out().contains(blob) && ls.out().contains(big), ls.toString());
      assertTrue(ls.out().contains(array.toString()), ls.toString());
      JsonNode arrays =
          JSON.readTree(ok(run(sock, "--json", "ls", "--pattern", "vineyard::Array*")).out());
      assertEquals(1, arrays.size(), arrays.toString());
      assertEquals(array.toString(), arrays.get(0).get("id").asText());
      assertEquals(1000, arrays.get(0).get("size_").asLong());
      assertEquals(
          0, JSON.readTree(ok(run(sock, "ls", "--json", "--regex", "^nothing$")).out()).size());

      // get: the tree with its member, or the value, summarized
      Result tree = ok(run(sock, "get", array.toString()));
      assertTrue(tree.out().contains("vineyard::Array<double>"), tree.toString());
      assertTrue(tree.out().contains("buffer_: o"), tree.toString());
      Result value = ok(run(sock, "get", "--value", array.toString()));
      assertTrue(
          value.out().strip().startsWith("[0.0, 1.0, 2.0")
              && value.out().contains("998.0, 999.0] (1000 elements)"),
          value.toString());

      // persist, name, names, get by name
      assertTrue(ok(run(sock, "persist", array.toString())).out().contains("persisted"));
      ok(run(sock, "name", array.toString(), "ctl-array"));
      Result names = ok(run(sock, "names", "ctl-*"));
      assertTrue(
          names.out().contains("ctl-array") && names.out().contains(array.toString()),
          names.toString());
      assertTrue(ok(run(sock, "get", "ctl-array")).out().contains(array.toString()));
      Result blobName = run(sock, "name", blob, "a-blob");
      assertEquals(1, blobName.status(), blobName.toString());
      assertOneLine(blobName);

      // status, cluster, paths; the socket from VINEYARD_IPC_SOCKET
      Result status = ok(CtlProcess.run(Map.of("VINEYARD_IPC_SOCKET", sock), "status"));
      assertTrue(
          status.out().contains("memory") && status.out().contains("MiB of 256.0 MiB"),
          status.toString());
      JsonNode statusJson = JSON.readTree(ok(run(sock, "status", "--json")).out());
      assertTrue(statusJson.get("memory_usage").asLong() >= (64L << 20), statusJson.toString());
      assertEquals("Leader", statusJson.get("role").asText());
      Result cluster = ok(run(sock, "cluster"));
      assertTrue(
          cluster.out().contains("Leader") && cluster.out().contains(sock), cluster.toString());
      JsonNode paths = JSON.readTree(ok(run(sock, "paths", "--json")).out());
      assertEquals(sock, paths.get("ipc_socket").asText());
      assertEquals(rt.dataDir.toString(), paths.get("data_dir").asText());
      assertEquals(rt.discoveryDir.toString(), paths.get("discovery_dir").asText());
      assertEquals(rt.plugins.toString(), paths.get("plugins_dir").asText());
      assertEquals(rt.shm.resolve("arenas").toString(), paths.get("shm_dir").asText());

      // delete: the named array with its buffer; the blobs
      ok(run(sock, "delete", "--deep", array.toString(), blob, big));
      Result gone = run(sock, "get", array.toString());
      assertEquals(1, gone.status(), gone.toString());
      assertOneLine(gone);
      assertTrue(gone.stderr().contains("ObjectNotExists (code 12)"), gone.toString());

      // errors: one line, non-zero
      Result badId = run(sock, "persist", "nonsense");
      assertEquals(2, badId.status(), badId.toString());
      assertOneLine(badId);
      Result badLimit = run(sock, "ls", "--limit", "many");
      assertEquals(2, badLimit.status(), badLimit.toString());
      assertOneLine(badLimit);
      Result catArray = run(sock, "cat", "o0000000000000001");
      assertEquals(1, catArray.status(), catArray.toString());
      assertOneLine(catArray);
    }
    Path nowhere = Files.createTempDirectory("vineyard-ctl").resolve("none.sock");
    try {
      Result noServer = run(nowhere.toString(), "status");
      assertEquals(1, noServer.status(), noServer.toString());
      assertOneLine(noServer);
      assertTrue(noServer.stderr().contains(nowhere.toString()), noServer.toString());
    } finally {
      Files.delete(nowhere.getParent());
    }
  }

  @Test
  void clusterShowsEveryMembersRoleAskedOfIt() throws Exception {
    try (RuntimeCluster cluster = RuntimeCluster.start(2, "64M")) {
      String first = cluster.get(0).socket.toString();
      String second = cluster.get(1).socket.toString();
      JsonNode all = JSON.readTree(ok(run(second, "--json", "cluster")).out());
      JsonNode members = all.get("members");
      assertEquals(2, members.size(), all.toString());
      java.util.Set<String> roles = new java.util.TreeSet<>();
      java.util.Set<String> sockets = new java.util.TreeSet<>();
      for (JsonNode m : members) {
        roles.add(m.get("role").asText());
        sockets.add(m.get("ipc_socket").asText());
        assertEquals(all.get("term").asLong(), m.get("term").asLong(), all.toString());
        assertEquals("running", m.get("status").asText(), all.toString());
      }
      assertEquals(java.util.Set.of("Follower", "Leader"), roles, all.toString());
      assertEquals(new java.util.TreeSet<>(List.of(first, second)), sockets, all.toString());
    }
  }

  private static Result run(String socket, String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "--socket";
    all[1] = socket;
    System.arraycopy(args, 0, all, 2, args.length);
    return CtlProcess.run(Map.of(), all);
  }

  private static Result ok(Result r) {
    assertEquals(0, r.status(), r.toString());
    return r;
  }

  private static void assertOneLine(Result r) {
    List<String> lines = r.stderr().lines().toList();
    assertEquals(1, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("vineyardctl: "), r.toString());
    assertFalse(r.stderr().contains("\tat "), r.toString());
  }
}
