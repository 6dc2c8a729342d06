package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzzer against a runtime process: four connections at once send malformed, truncated,
 * oversized and out-of-order frames (at least 10,000 in all) while a well-behaved client puts, gets
 * and deletes. The server answers errors or closes the offending connection, never dies, the
 * well-behaved client sees no error, and afterwards the runtime holds as many fds and as much
 * shared memory as before. The seed is printed; rerun one with {@code -Dvineyard.fuzz.seed=N}.
 */
class HostileInputTest {
  private static final int FRAMES = Integer.getInteger("vineyard.fuzz.frames", 12_000);
  private static final String[] TYPES = {
    "register_request",
    "create_buffer_request",
    "seal_request",
    "get_buffers_request",
    "release_request",
    "drop_buffer_request",
    "create_data_request",
    "get_data_request",
    "list_data_request",
    "del_data_request",
    "exists_request",
    "persist_request",
    "if_persist_request",
    "put_name_request",
    "get_name_request",
    "list_name_request",
    "drop_name_request",
    "label_request",
    "cluster_meta",
    "instance_status_request",
    "exit_request",
    "warp_request",
    "",
    // batches and the store's extras; not streams (a pull waits by design) nor sessions (each
    // holds a socket and a store until deleted)
    "create_buffers_request",
    "shrink_buffer_request",
    "is_in_use_request",
    "memory_trim_request",
    "create_datas_request",
    "shallow_copy_request",
    "acquire_lock_request",
    "release_lock_request"
  };
  private static final String[] VALUES = {
    "0",
    "-1",
    "1",
    "4096",
    "18446744073709551615",
    "-9223372036854775808",
    "9223372036854775807",
    "1e308",
    "\"o8000000000000001\"",
    "\"x\"",
    "null",
    "true",
    "[]",
    "{}",
    "[1,2,3]",
    "\"\"",
    "1.5",
    "268435456",
    "99999999999999999999999999"
  };
  private static final String[] FIELDS = {
    "size",
    "object_id",
    "id",
    "num",
    "0",
    "1",
    "ids",
    "content",
    "name",
    "wait",
    "sync_remote",
    "pattern",
    "regex",
    "limit",
    "force",
    "deep",
    "unsafe",
    "keys",
    "values",
    "version",
    "store_type",
    "sizes",
    "contents",
    "extra",
    "key"
  };

  private final Map<String, LongAdder> kinds = new ConcurrentHashMap<>();

  private static int fds(long pid) throws IOException {
    try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return (int) list.count();
    }
  }

  private static byte[] frame(byte[] json) {
    return ByteBuffer.allocate(8 + json.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(json.length)
        .put(json)
        .array();
  }

  private static String value(Random r, int depth) {
    return switch (depth > 3 ? 0 : r.nextInt(6)) {
      case 0, 1, 2 -> VALUES[r.nextInt(VALUES.length)];
      case 3 -> "[" + value(r, depth + 1) + "," + value(r, depth + 1) + "]";
      case 4 -> "{\"" + FIELDS[r.nextInt(FIELDS.length)] + "\":" + value(r, depth + 1) + "}";
      default ->
          "{\"typename\":\"vineyard::Blob\",\"id\":\"o8"
              + Long.toHexString(r.nextLong() >>> 4)
              + "\",\"length\":"
              + VALUES[r.nextInt(VALUES.length)]
              + "}";
    };
  }

  /** A request of a random type with random fields and values. */
  private static String request(Random r) {
    StringBuilder b =
        new StringBuilder("{\"type\":\"").append(TYPES[r.nextInt(TYPES.length)]).append('"');
    for (int i = r.nextInt(5); i > 0; i--) {
      b.append(",\"").append(FIELDS[r.nextInt(FIELDS.length)]).append("\":").append(value(r, 0));
    }
    return b.append('}').toString();
  }

  /**
   * One hostile frame (or byte sequence) and its kind; null bytes mean "close the connection now".
   */
  private byte[] next(Random r) {
    int k = r.nextInt(100);
    String kind;
    byte[] out;
    if (k < 40) {
      kind = "random request";
      out = frame(request(r).getBytes(StandardCharsets.UTF_8));
    } else if (k < 55) {
      kind = "truncated JSON";
      byte[] json = request(r).getBytes(StandardCharsets.UTF_8);
      out = frame(java.util.Arrays.copyOf(json, r.nextInt(json.length)));
    } else if (k < 65) {
      kind = "garbage bytes";
      byte[] junk = new byte[r.nextInt(512)];
      r.nextBytes(junk);
      out = frame(junk);
    } else if (k < 72) {
      kind = "deep nesting";
      int depth = 2000 + r.nextInt(20_000);
      out =
          frame(
              ("{\"type\":\"create_data_request\",\"content\":"
                      + "[".repeat(depth)
                      + "]".repeat(depth)
                      + "}")
                  .getBytes(StandardCharsets.UTF_8));
    } else if (k < 80) {
      kind = "create_buffer of a hostile size";
      out =
          frame(
              ("{\"type\":\"create_buffer_request\",\"size\":"
                      + VALUES[r.nextInt(VALUES.length)]
                      + "}")
                  .getBytes(StandardCharsets.UTF_8));
    } else if (k < 88) {
      kind = "get_buffers with a lying num";
      out =
          frame(
              ("{\"type\":\"get_buffers_request\",\"num\":"
                      + (r.nextInt(3) == 0 ? 100000 : r.nextInt(5))
                      + ",\"0\":"
                      + (r.nextLong() | Long.MIN_VALUE)
                      + "}")
                  .getBytes(StandardCharsets.UTF_8));
    } else if (k < 93) {
      kind = "oversized frame header";
      out =
          ByteBuffer.allocate(8)
              .order(ByteOrder.LITTLE_ENDIAN)
              .putLong(r.nextBoolean() ? Long.MAX_VALUE : (1L << 29))
              .array();
    } else if (k < 97) {
      kind = "frame cut short";
      byte[] json = request(r).getBytes(StandardCharsets.UTF_8);
      out = java.util.Arrays.copyOf(frame(json), 8 + json.length / 2);
    } else {
      kind = "zero-length frame";
      out = frame(new byte[0]);
    }
    kinds.computeIfAbsent(kind, x -> new LongAdder()).increment();
    return out;
  }

  @Test
  void thousandsOfHostileFramesNeitherStopTheServerNorLeakNorDisturbAGoodClient() throws Exception {
    long seed = Long.getLong("vineyard.fuzz.seed", System.nanoTime());
    System.out.println(
        "hostile input: seed " + seed + " (-Dvineyard.fuzz.seed=" + seed + " repeats it)");
    try (RuntimeProcess rt = RuntimeProcess.start("64M")) {
      long pid = rt.process.pid();
      long usedBefore;
      try (VineyardClient c = Vineyard.connect(rt.socket)) {
        c.put(new byte[] {1}); // warm up: the first connection maps the arena
        usedBefore = c.status().memoryUsage();
      }
      int fdsBefore = fds(pid);

      AtomicBoolean fuzzing = new AtomicBoolean(true);
      ConcurrentLinkedQueue<String> goodErrors = new ConcurrentLinkedQueue<>();
      AtomicInteger goodRounds = new AtomicInteger();
      Thread good =
          Thread.ofPlatform()
              .name("well-behaved")
              .start(
                  () -> {
                    try (VineyardClient c = Vineyard.connect(rt.socket)) {
                      byte[] payload = new byte[4096];
                      while (fuzzing.get()) {
                        try {
                          ObjectId id = c.put(payload);
                          ByteBuffer got = (ByteBuffer) c.get(id);
                          if (got.remaining() != payload.length) {
                            goodErrors.add("read " + got.remaining() + " bytes");
                          }
                          c.release(List.of(id));
                          c.delete(id);
                          goodRounds.incrementAndGet();
                        } catch (RuntimeException e) {
                          goodErrors.add(e.toString());
                        }
                      }
                    }
                  });

      AtomicInteger sent = new AtomicInteger();
      AtomicInteger closedByServer = new AtomicInteger();
      List<Thread> fuzzers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random r = new Random(seed + t);
        fuzzers.add(
            Thread.ofPlatform()
                .name("fuzzer-" + t)
                .start(
                    () -> {
                      while (sent.get() < FRAMES) {
                        try (SocketChannel ch =
                            SocketChannel.open(UnixDomainSocketAddress.of(rt.socket))) {
                          Thread drain =
                              Thread.ofVirtual()
                                  .start(
                                      () -> {
                                        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
                                        try {
                                          while (ch.read(sink.clear()) >= 0) {
                                            // replies and passed fds' bytes are read and dropped
                                          }
                                        } catch (IOException e) {
                                          // closed
                                        }
                                      });
                          if (r.nextInt(4)
                              > 0) { // most connections register first; the others are out of order
                            // from the start
                            ch.write(
                                ByteBuffer.wrap(
                                    frame(
                                        "{\"type\":\"register_request\",\"version\":\"0.24.2\"}"
                                            .getBytes(StandardCharsets.UTF_8))));
                          }
                          for (int i = 0; i < 50 && sent.get() < FRAMES; i++) {
                            ch.write(ByteBuffer.wrap(next(r)));
                            sent.incrementAndGet();
                          }
                          ch.shutdownOutput();
                          drain.join(5_000);
                        } catch (IOException e) {
                          closedByServer
                              .incrementAndGet(); // the server closed this connection: allowed
                        } catch (InterruptedException e) {
                          return;
                        }
                      }
                    }));
      }
      for (Thread f : fuzzers) {
        f.join(120_000);
      }
      fuzzing.set(false);
      good.join(30_000);

      System.out.println(
          "hostile input: "
              + sent.get()
              + " frames on "
              + fuzzers.size()
              + " connections at a time ("
              + closedByServer.get()
              + " connections closed by the server mid-way); kinds: "
              + new TreeMap<>(
                  kinds.entrySet().stream()
                      .collect(
                          java.util.stream.Collectors.toMap(
                              Map.Entry::getKey, e -> e.getValue().sum())))
              + "; the well-behaved client did "
              + goodRounds.get()
              + " put+get+delete rounds meanwhile");
      assertTrue(sent.get() >= 10_000, "sent " + sent.get());
      assertTrue(rt.process.isAlive(), "the runtime still runs");
      assertEquals(List.of(), List.copyOf(goodErrors), "the well-behaved client saw no error");
      assertTrue(goodRounds.get() > 0);
      // what the fuzzers' connections held goes with them: memory and fds back to where they were
      long deadline = System.nanoTime() + 20_000_000_000L;
      long used;
      int fdsAfter;
      do {
        Thread.sleep(100);
        try (VineyardClient c = Vineyard.connect(rt.socket)) {
          used = c.status().memoryUsage();
        }
        fdsAfter = fds(pid);
      } while ((used != usedBefore || fdsAfter > fdsBefore) && System.nanoTime() < deadline);
      System.out.println(
          "hostile input: shared memory in use "
              + usedBefore
              + " -> "
              + used
              + " bytes, runtime fds "
              + fdsBefore
              + " -> "
              + fdsAfter);
      assertEquals(usedBefore, used, "no shared memory leaked");
      assertTrue(fdsAfter <= fdsBefore, "no fd leaked: " + fdsBefore + " -> " + fdsAfter);
    }
  }
}
