package io.vineyard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.client.Vineyard;
import io.vineyard.plugin.array.ArrayObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Eight clients put, get, persist and delete against a runtime process for {@code
 * vineyard.soak.seconds} (30 s in every build; {@code mvn -Psoak} runs 5 minutes): no error, and
 * afterwards the runtime's shared memory, fds and threads are back where they started.
 */
class SoakTest {
  private static final int SECONDS = Integer.getInteger("vineyard.soak.seconds", 30);

  private static long count(long pid, String what) throws IOException {
    try (var list = Files.list(Path.of("/proc/" + pid + "/" + what))) {
      return list.count();
    }
  }

  @Test
  void eightClientsWorkWithoutErrorAndLeaveNothingBehind() throws Exception {
    try (RuntimeProcess rt = RuntimeProcess.start("128M")) {
      long pid = rt.process.pid();
      long usedBefore;
      try (VineyardClient c = Vineyard.connect(rt.socket)) {
        ObjectId warm = c.put(new double[] {1});
        c.persist(warm);
        c.delete(warm);
      }
      usedBefore = -1;
      for (int i = 0;
          i < 250 && usedBefore != 0;
          i++) { // the warm-up connection's references go with it
        Thread.sleep(20);
        try (VineyardClient c = Vineyard.connect(rt.socket)) {
          usedBefore = c.status().memoryUsage();
        }
      }
      assertEquals(0, usedBefore, "everything of the warm-up was deleted");
      Thread.sleep(500);
      long fdsBefore = count(pid, "fd");
      long threadsBefore = count(pid, "task");
      ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
      LongAdder rounds = new LongAdder();
      long until = System.nanoTime() + SECONDS * 1_000_000_000L;
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int n = t;
        clients.add(
            Thread.ofPlatform()
                .name("soak-" + t)
                .start(
                    () -> {
                      try (VineyardClient c = Vineyard.connect(rt.socket)) {
                        byte[] bytes = new byte[1 + n * 1000];
                        double v = 0;
                        while (System.nanoTime() < until) {
                          try {
                            ObjectId blob = c.put(bytes);
                            if (((ByteBuffer) c.get(blob)).remaining() != bytes.length) {
                              errors.add("short read");
                            }
                            ObjectId array = c.put(new double[] {v, v + 1});
                            if (n % 2 == 0) {
                              c.persist(array);
                            }
                            if (c.getObject(array, ArrayObject.class).asDoubleBuffer().get(1)
                                != v + 1) {
                              errors.add("wrong value");
                            }
                            c.release(List.of(blob));
                            c.delete(blob, array);
                            v++;
                            rounds.increment();
                          } catch (RuntimeException e) {
                            errors.add(e.toString());
                          }
                        }
                      }
                    }));
      }
      for (Thread c : clients) {
        c.join(SECONDS * 1000L + 60_000);
      }
      long deadline = System.nanoTime() + 20_000_000_000L;
      long used;
      long fds;
      long threads;
      do {
        Thread.sleep(200);
        try (VineyardClient c = Vineyard.connect(rt.socket)) {
          used = c.status().memoryUsage();
        }
        fds = count(pid, "fd");
        threads = count(pid, "task");
      } while ((used != usedBefore || fds > fdsBefore || threads > threadsBefore + 4)
          && System.nanoTime() < deadline);
      System.out.printf(
          "soak: %d s, 8 clients, %d rounds (put+get+persist+get+delete), %d errors; memory %d -> %d B,"
              + " fds %d -> %d, threads %d -> %d%n",
          SECONDS,
          rounds.sum(),
          errors.size(),
          usedBefore,
          used,
          fdsBefore,
          fds,
          threadsBefore,
          threads);
      assertEquals(
          List.of(), List.copyOf(errors).subList(0, Math.min(5, errors.size())), "no error");
      assertTrue(rounds.sum() > 0);
      assertEquals(usedBefore, used, "shared memory back to where it was");
      assertTrue(fds <= fdsBefore, "fds " + fdsBefore + " -> " + fds);
      assertTrue(threads <= threadsBefore + 4, "threads " + threadsBefore + " -> " + threads);
    }
  }
}
