package io.vineyard.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.testkit.TestInstance;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real instance: blobs, zero-copy views, errors, lifetimes. */
class VineyardClientTest {
  static final long MiB = 1L << 20;
  TestInstance instance;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(256 * MiB);
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  @Test
  void putAndGetHelloWorld() {
    byte[] hello = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId id = client.put(hello);
      assertTrue(id.isBlob());
      Blob blob = client.getObject(id, Blob.class);
      String line = blob.typename() + " " + blob.size() + " " + blob;
      System.out.println(line);
      assertTrue(
          line.matches("vineyard::Blob 13 Object <\"o[89a-f][0-9a-f]{15}\": vineyard::Blob>"),
          line);
      assertArrayEquals(hello, blob.segment().toArray(ValueLayout.JAVA_BYTE));
      assertTrue(client.exists(id));
      assertEquals(13, client.getMeta(id).number("length").orElseThrow());
    }
  }

  @Test
  void aSecondClientSeesTheSameBytesZeroCopy() {
    byte[] hello = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    try (VineyardClient writer = Vineyard.connect(instance.socket());
        VineyardClient reader = Vineyard.connect(instance.socket())) {
      ObjectId id = writer.put(ByteBuffer.wrap(hello));
      ByteBuffer got = assertInstanceOf(ByteBuffer.class, reader.get(id));
      assertTrue(got.isReadOnly());
      assertTrue(got.isDirect());
      assertEquals(13, got.remaining());
      byte[] copy = new byte[13];
      got.get(copy);
      assertArrayEquals(hello, copy);
      assertEquals(writer.instanceId(), reader.instanceId());
      Blob b = (Blob) reader.getObject(id);
      assertTrue(b.segment().isReadOnly());
      assertThrows(
          IllegalArgumentException.class,
          () -> b.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 1));
    }
  }

  @Test
  void readersMapTheWritersPagesNotACopy() {
    try (VineyardClient writer = Vineyard.connect(instance.socket());
        VineyardClient reader = Vineyard.connect(instance.socket())) {
      BlobWriter w = writer.createBlob(4096);
      w.segment().set(ValueLayout.JAVA_BYTE, 100, (byte) 1);
      ObjectId id = w.seal();
      ByteBuffer view = (ByteBuffer) reader.get(id);
      assertEquals(1, view.get(100));
      // writing after seal breaks the contract; here it proves both clients map the same pages
      w.segment().set(ValueLayout.JAVA_BYTE, 100, (byte) 2);
      assertEquals(2, view.get(100));
    }
  }

  @Test
  void createInPlaceThenReadFromAnotherClient() {
    long size = 64 * MiB;
    long expected;
    ObjectId id;
    try (VineyardClient writer = Vineyard.connect(instance.socket());
        VineyardClient reader = Vineyard.connect(instance.socket())) {
      try (BlobWriter w = writer.createBlob(size)) {
        MemorySegment s = w.segment();
        assertEquals(size, s.byteSize());
        for (long i = 0; i < size; i += 8) {
          s.set(ValueLayout.JAVA_LONG_UNALIGNED, i, i * 0x9E3779B97F4A7C15L);
        }
        expected = crc(s);
        id = w.seal();
      }
      Blob blob = (Blob) reader.getObject(id);
      assertEquals(size, blob.size());
      assertEquals(expected, crc(blob.segment()));
      assertEquals(expected, crc(MemorySegment.ofBuffer((ByteBuffer) reader.get(id))));
    }
  }

  @Test
  void missingObjectsAndUnsupportedValues() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      ObjectId missing = ObjectId.parse("o0000000000000abc");
      VineyardException.ObjectNotExists e =
          assertThrows(VineyardException.ObjectNotExists.class, () -> client.getObject(missing));
      assertTrue(e.getMessage().contains("o0000000000000abc"), e.getMessage());
      assertFalse(client.exists(missing));
      VineyardException.TypeError t =
          assertThrows(VineyardException.TypeError.class, () -> client.put(new Thread(() -> {})));
      assertTrue(t.getMessage().contains("java.lang.Thread"), t.getMessage());
    }
  }

  @Test
  void closingAnUnsealedWriterDropsTheBlob() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      long before = client.status().memoryUsage();
      ObjectId id;
      try (BlobWriter w = client.createBlob(MiB)) {
        id = w.id();
        assertTrue(client.status().memoryUsage() >= before + MiB);
      }
      assertFalse(client.exists(id));
      assertEquals(before, client.status().memoryUsage());
      assertThrows(VineyardException.ObjectNotExists.class, () -> client.getObject(id));
    }
  }

  @Test
  void unsealedBlobsOfAClosedClientAreFreed() throws InterruptedException {
    try (VineyardClient observer = Vineyard.connect(instance.socket())) {
      long before = observer.status().memoryUsage();
      VineyardClient client = Vineyard.connect(instance.socket());
      BlobWriter w = client.createBlob(2 * MiB);
      w.segment().fill((byte) 7);
      assertEquals(before + 2 * MiB, observer.status().memoryUsage());
      client.close();
      w.close(); // after the client: nothing left to drop, and no error
      assertThrows(IllegalStateException.class, w::segment);
      // the server notices the disconnect on its own thread
      for (long end = System.nanoTime() + 5_000_000_000L;
          observer.status().memoryUsage() != before && System.nanoTime() < end; ) {
        Thread.sleep(5);
      }
      assertEquals(before, observer.status().memoryUsage());
    }
  }

  @Test
  void viewsFailClearlyAfterClose() {
    VineyardClient client = Vineyard.connect(instance.socket());
    ObjectId id = client.put("bytes".getBytes(StandardCharsets.US_ASCII));
    Blob blob = (Blob) client.getObject(id);
    ByteBuffer buffer = (ByteBuffer) client.get(id);
    MemorySegment segment = blob.segment();
    client.close();
    client.close();
    assertThrows(IllegalStateException.class, () -> segment.get(ValueLayout.JAVA_BYTE, 0));
    assertThrows(IllegalStateException.class, () -> buffer.get(0));
    assertThrows(IllegalStateException.class, blob::segment);
    assertThrows(IllegalStateException.class, () -> client.getObject(id));
    assertThrows(IllegalStateException.class, () -> client.put(new byte[1]));
    try (VineyardClient other = Vineyard.connect(instance.socket())) {
      assertTrue(other.exists(id), "a sealed blob outlives the client that created it");
    }
  }

  @Test
  void statusShowsMemoryRisingByTheBlobSize() {
    try (VineyardClient client = Vineyard.connect(instance.socket())) {
      var before = client.status();
      assertEquals(256 * MiB, before.memoryLimit());
      assertEquals("local", before.deployment());
      assertTrue(before.ipcConnections() >= 1);
      client.put(new byte[(int) (3 * MiB)]);
      assertEquals(before.memoryUsage() + 3 * MiB, client.status().memoryUsage());
    }
  }

  static long crc(MemorySegment s) {
    CRC32C crc = new CRC32C();
    crc.update(s.asByteBuffer());
    return crc.getValue();
  }
}
