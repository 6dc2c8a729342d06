package io.vineyard.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.posix.Posix;
import io.vineyard.protocol.Payload;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Store-file bookkeeping: one mapping per store_fd, descriptors taken as announced, views die on
 * close.
 */
class MappingsTest {
  static final long FILE = 1 << 16;
  Path a;
  Path b;
  final List<Path> opened = new ArrayList<>();
  final Mappings mappings = new Mappings();

  @BeforeEach
  void files() throws IOException {
    a = shm(1);
    b = shm(2);
  }

  @AfterEach
  void clean() throws IOException {
    mappings.close();
    Files.deleteIfExists(a);
    Files.deleteIfExists(b);
  }

  Path shm(int fill) throws IOException {
    Path p = Files.createTempFile(Path.of("/dev/shm"), "vineyard-mappings-test", ".bin");
    byte[] bytes = new byte[(int) FILE];
    java.util.Arrays.fill(bytes, (byte) fill);
    Files.write(p, bytes);
    return p;
  }

  /** Hands out descriptors of the given files, in order, as the server's fd messages would. */
  Mappings.FdSource sending(Path... files) {
    List<Path> queue = new ArrayList<>(List.of(files));
    return () -> {
      Path p = queue.remove(0);
      opened.add(p);
      return Posix.open(p, Posix.O_RDWR, 0);
    };
  }

  static Payload payload(long id, int storeFd, long offset, long size) {
    return new Payload(
        ObjectId.of(ObjectId.BLOB_BIT | id), storeFd, offset, size, FILE, 0, true, true);
  }

  static long openFds() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  @Test
  void eachStoreFileIsMappedOnceAndItsDescriptorClosed() throws IOException {
    long fdsBefore = openFds();
    Payload p1 = payload(1, 10, 0, 100);
    Payload p2 = payload(2, 11, 4096, 10);
    Payload p3 = payload(3, 10, 200, 10);
    List<Payload> all = List.of(p1, p2, p3);
    assertEquals(List.of(10, 11), mappings.unmapped(all));
    mappings.receive(all, List.of(10, 11), sending(a, b));
    assertEquals(2, mappings.size());
    assertEquals(fdsBefore, openFds(), "received descriptors are closed once mapped");
    assertEquals(List.of(), mappings.unmapped(all));

    assertEquals(1, mappings.view(p1, false).get(ValueLayout.JAVA_BYTE, 99));
    assertEquals(2, mappings.view(p2, false).get(ValueLayout.JAVA_BYTE, 0));
    // already mapped: nothing announced, nothing received
    mappings.receive(List.of(payload(4, 11, 0, 1)), List.of(), sending());

    MemorySegment w = mappings.view(p3, true);
    w.set(ValueLayout.JAVA_BYTE, 0, (byte) 42);
    assertEquals(42, Files.readAllBytes(a)[200], "writes land in the shared file");
    MemorySegment r = mappings.view(p3, false);
    assertTrue(r.isReadOnly());
    assertThrows(IllegalArgumentException.class, () -> r.set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
  }

  @Test
  void aWrongAnnouncementIsRefusedButItsDescriptorsAreStillTaken() throws IOException {
    long fdsBefore = openFds();
    Payload p = payload(1, 10, 0, 100);
    VineyardException.UnknownError e =
        assertThrows(
            VineyardException.UnknownError.class,
            () -> mappings.receive(List.of(p), List.of(12), sending(a)));
    assertTrue(e.getMessage().contains("fd set is not matched"), e.getMessage());
    assertEquals(
        List.of(a), opened, "the announced descriptor was received (the stream stays in step)");
    assertEquals(fdsBefore, openFds());
    assertEquals(0, mappings.size());
    assertThrows(
        VineyardException.UnknownError.class,
        () -> mappings.receive(List.of(p), List.of(), sending()));
  }

  @Test
  void payloadsOutsideTheMappingAreRefused() throws IOException {
    Payload tooFar = payload(1, 10, FILE - 4, 8);
    assertThrows(
        VineyardException.Invalid.class,
        () -> mappings.receive(List.of(tooFar), List.of(10), sending(a)));
    mappings.receive(List.of(payload(2, 10, 0, 8)), List.of(10), sending(a));
    assertThrows(VineyardException.Invalid.class, () -> mappings.view(tooFar, false));
    assertThrows(VineyardException.Invalid.class, () -> mappings.view(payload(3, 99, 0, 8), false));
  }

  @Test
  void theEmptyBlobNeedsNoMapping() throws IOException {
    mappings.receive(List.of(Payload.empty()), List.of(), sending());
    assertEquals(0, mappings.view(Payload.empty(), false).byteSize());
    assertEquals(0, mappings.size());
  }

  @Test
  void closingInvalidatesEveryView() throws IOException {
    Payload p = payload(1, 10, 0, 64);
    mappings.receive(List.of(p), List.of(10), sending(a));
    MemorySegment s = mappings.view(p, false);
    ByteBuffer buffer = s.asByteBuffer();
    mappings.close();
    mappings.close();
    assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_BYTE, 0));
    assertThrows(IllegalStateException.class, () -> buffer.get(0));
    assertThrows(IllegalStateException.class, () -> mappings.view(p, false));
    assertThrows(
        IllegalStateException.class, () -> mappings.receive(List.of(p), List.of(), sending()));
  }
}
