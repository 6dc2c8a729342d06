package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.posix.UnixSocket;
import io.vineyard.protocol.Frames;
import io.vineyard.protocol.RawJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spilling to disk against a runtime process started with {@code --spill-path}: three times {@code
 * --size} worth of blobs go in and come back identical, also across a kill -9; vineyardd's evict,
 * load, unpin and is_spilled requests, sent as raw frames, on blobs and on objects.
 */
class SpillToDiskTest {
  private static final int MIB = 1 << 20;
  private static final long SIZE = 32L * MIB;

  /** One runtime for both tests (each uses its own objects), spilling to its own folder. */
  private static Path spill;

  private static RuntimeProcess rt;

  @BeforeAll
  static void start() throws Exception {
    spill = Files.createTempDirectory("vineyard-spill-it");
    rt = RuntimeProcess.start("32M", "--spill-path", spill.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (rt != null) {
        rt.close();
      }
    } finally {
      RuntimeProcess.deleteTree(spill);
    }
  }

  private static byte[] bytes(long seed, int i) {
    byte[] b = new byte[MIB - 100 * i]; // sizes differ: freed ranges do not simply fit again
    new Random(seed + i).nextBytes(b);
    return b;
  }

  private static ObjectNode call(UnixSocket s, String json) throws IOException {
    Frames.write(s, json.getBytes(StandardCharsets.UTF_8));
    return RawJson.decode(Frames.read(s));
  }

  private static UnixSocket registered(Path socket) throws IOException {
    UnixSocket s = UnixSocket.connect(socket);
    assertEquals(
        "register_reply",
        call(s, "{\"type\":\"register_request\",\"version\":\"0.24.2\",\"store_type\":1}")
            .path("type")
            .asText());
    return s;
  }

  private static String ids(ObjectId... ids) {
    return Stream.of(ids)
        .map(ObjectId::toUnsignedString)
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static boolean isSpilled(UnixSocket s, ObjectId id) throws IOException {
    ObjectNode r =
        call(s, "{\"type\":\"is_spilled_request\",\"id\":" + id.toUnsignedString() + "}");
    assertEquals("is_spilled_reply", r.path("type").asText(), r.toString());
    return r.get("is_spilled").asBoolean();
  }

  private static void assertReply(ObjectNode reply, String type) {
    assertEquals(type, reply.path("type").asText(), reply.toString());
  }

  @Test
  void threeTimesTheSizeGoesInAndComesBackIdenticalAlsoAfterKillNine() throws Exception {
    long seed = System.nanoTime();
    System.out.println("spill: seed " + seed);
    List<ObjectId> ids = new ArrayList<>();
    long put = 0;
    long most = 0;
    long t0 = System.nanoTime();
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      for (int i = 0; put < 3 * SIZE; i++) {
        byte[] b = bytes(seed, i);
        ObjectId id = c.put(b);
        c.release(List.of(id)); // cold from now on: nobody references it
        ids.add(id);
        put += b.length;
        long used = c.status().memoryUsage();
        assertTrue(used <= SIZE, "use " + used + " stays within --size");
        most = Math.max(most, used);
      }
    }
    long putMs = (System.nanoTime() - t0) / 1_000_000;
    int spilled = 0;
    try (UnixSocket s = registered(rt.socket)) {
      for (ObjectId id : ids) {
        spilled += isSpilled(s, id) ? 1 : 0;
      }
    }
    assertTrue(spilled >= ids.size() / 2, spilled + " of " + ids.size() + " spilled");
    System.out.printf(
        "spill: put %d blobs (%d MiB) into --size 32M in %d ms; most in memory %d MiB;"
            + " %d spilled%n",
        ids.size(), put / MIB, putMs, most / MIB, spilled);

    t0 = System.nanoTime();
    readAllBack(seed, ids);
    System.out.printf(
        "spill: read all %d back identical in %d ms%n",
        ids.size(), (System.nanoTime() - t0) / 1_000_000);

    // what is spilled now (and what is in memory) survives a crash of the runtime
    rt.kill();
    rt.restart();
    t0 = System.nanoTime();
    readAllBack(seed, ids);
    System.out.printf(
        "spill: after kill -9 and restart, read all %d back identical in %d ms%n",
        ids.size(), (System.nanoTime() - t0) / 1_000_000);
  }

  private static void readAllBack(long seed, List<ObjectId> ids) throws Exception {
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      for (int i = 0; i < ids.size(); i++) {
        ByteBuffer got = (ByteBuffer) c.get(ids.get(i));
        assertEquals(ByteBuffer.wrap(bytes(seed, i)), got, "blob " + i + ": " + ids.get(i));
        c.release(List.of(ids.get(i)));
        assertTrue(c.status().memoryUsage() <= SIZE);
      }
    }
  }

  @Test
  void evictLoadUnpinAndIsSpilledAsRawFrames() throws Exception {
    byte[] bytes = new byte[100_000];
    new Random(7).nextBytes(bytes);
    double[] values = new double[4096];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5;
    }
    ObjectId blob;
    ObjectId array;
    ObjectId arrayBlob;
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      blob = c.put(bytes);
      array = c.put(values);
      arrayBlob = c.getMeta(array).member("buffer_").orElseThrow().id();
    } // the connection's references go with it
    try (UnixSocket s = registered(rt.socket)) {
      assertFalse(isSpilled(s, blob));
      assertReply(call(s, "{\"type\":\"evict_request\",\"ids\":" + ids(blob) + "}"), "evict_reply");
      assertTrue(isSpilled(s, blob));
      try (VineyardClient c = Vineyard.connect(rt.socket)) {
        assertEquals(ByteBuffer.wrap(bytes), c.get(blob), "a get loads it back");
      }
      assertFalse(isSpilled(s, blob));

      // an object stands for its blobs
      assertReply(
          call(s, "{\"type\":\"evict_request\",\"ids\":" + ids(array) + "}"), "evict_reply");
      assertTrue(isSpilled(s, arrayBlob));
      assertReply(
          call(s, "{\"type\":\"load_request\",\"ids\":" + ids(array) + ",\"pin\":true}"),
          "load_reply");
      assertFalse(isSpilled(s, arrayBlob));
      assertReply(
          call(s, "{\"type\":\"evict_request\",\"ids\":" + ids(array) + "}"), "evict_reply");
      assertFalse(isSpilled(s, arrayBlob), "pinned blobs stay in memory");
      assertReply(
          call(s, "{\"type\":\"unpin_request\",\"ids\":" + ids(array) + "}"), "unpin_reply");
      assertReply(
          call(s, "{\"type\":\"evict_request\",\"ids\":" + ids(arrayBlob) + "}"), "evict_reply");
      assertTrue(isSpilled(s, arrayBlob));
      ObjectNode twice = call(s, "{\"type\":\"evict_request\",\"ids\":" + ids(array) + "}");
      assertEquals(17, twice.path("code").asInt(), "ObjectSpilled, as vineyardd: " + twice);
      assertTrue(twice.path("message").asText().contains(arrayBlob.toString()), twice.toString());
      assertFalse(isSpilled(s, ObjectId.parse("o8000000000000fff")), "unknown: not spilled");
      assertReply(
          call(s, "{\"type\":\"load_request\",\"ids\":" + ids(arrayBlob) + "}"), "load_reply");
      assertFalse(isSpilled(s, arrayBlob));
    }
    try (VineyardClient c = Vineyard.connect(rt.socket)) {
      DoubleBuffer got = (DoubleBuffer) c.get(array);
      assertEquals(DoubleBuffer.wrap(values), got);
    }
  }
}
