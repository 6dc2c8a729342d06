package io.vineyard.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnixSocketTest {
  Path dir;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createTempDirectory("vineyard-sock-test");
  }

  @AfterEach
  void tearDown() throws IOException {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void bytesAndDescriptorsCrossTheSocket() throws Exception {
    Path sock = dir.resolve("s.sock");
    Path shm = Files.createTempFile(Path.of("/dev/shm"), "vineyard-fd-test", ".bin");
    try (UnixServerSocket server = UnixServerSocket.bind(sock, 8)) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
      int fileFd = Posix.open(shm, Posix.O_RDWR, 0600);
      Posix.ftruncate(fileFd, 4096);
      CompletableFuture<Void> serving =
          CompletableFuture.runAsync(
              () -> {
                try (UnixSocket c = server.accept()) {
                  byte[] got = c.readFully(5);
                  c.writeFully(got, 0, got.length);
                  c.sendFd(fileFd);
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (UnixSocket client = UnixSocket.connect(sock)) {
        client.writeFully("hello".getBytes(), 0, 5);
        assertArrayEquals("hello".getBytes(), client.readFully(5));
        int received = client.receiveFd();
        assertTrue(received >= 0);
        MemorySegment map = Posix.mmap(received, 4096, true);
        map.set(ValueLayout.JAVA_LONG, 0, 42L);
        MemorySegment again = Posix.mmap(fileFd, 4096, false);
        assertEquals(42L, again.get(ValueLayout.JAVA_LONG, 0), "both mappings share the pages");
        Posix.munmap(map);
        Posix.munmap(again);
        Posix.close(received);
      }
      serving.get();
      Posix.close(fileFd);
    } finally {
      Files.deleteIfExists(shm);
    }
    assertFalse(Files.exists(sock), "closing the server removes the socket file");
  }

  @Test
  void secondBindOnAServedPathIsRefused() throws Exception {
    Path sock = dir.resolve("busy.sock");
    try (UnixServerSocket first = UnixServerSocket.bind(sock, 8)) {
      assertTrue(UnixServerSocket.isServed(sock));
      IOException e =
          assertThrows(
              UnixServerSocket.SocketInUseException.class, () -> UnixServerSocket.bind(sock, 8));
      assertTrue(e.getMessage().contains(sock.toString()));
    }
  }

  @Test
  void staleSocketFileIsReplaced() throws Exception {
    Path sock = dir.resolve("stale.sock");
    Files.createFile(sock);
    try (UnixServerSocket server = UnixServerSocket.bind(sock, 8)) {
      assertTrue(UnixServerSocket.isServed(sock));
    }
  }

  @Test
  void closeWakesAcceptAndPeerCloseIsEof() throws Exception {
    Path sock = dir.resolve("w.sock");
    UnixServerSocket server = UnixServerSocket.bind(sock, 8);
    CompletableFuture<Throwable> accepting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                UnixSocket c = server.accept();
                assertThrows(EOFException.class, () -> c.readFully(1));
                c.close();
                server.accept();
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    UnixSocket.connect(sock).close();
    Thread.sleep(100);
    server.close();
    assertTrue(accepting.get() instanceof IOException);
  }

  @Test
  void connectToNothingNamesThePath() {
    Path sock = dir.resolve("none.sock");
    IOException e = assertThrows(IOException.class, () -> UnixSocket.connect(sock));
    assertTrue(e.getMessage().contains(sock.toString()), e.getMessage());
  }
}
