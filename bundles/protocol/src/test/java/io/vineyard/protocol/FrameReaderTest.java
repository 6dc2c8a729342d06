package io.vineyard.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vineyard.posix.UnixServerSocket;
import io.vineyard.posix.UnixSocket;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
  private Path dir;
  private UnixServerSocket server;
  private UnixSocket client;
  private UnixSocket accepted;

  @BeforeEach
  void connect() throws Exception {
    dir = Files.createTempDirectory("vineyard-frames-test");
    server = UnixServerSocket.bind(dir.resolve("s.sock"), 4);
    client = UnixSocket.connect(dir.resolve("s.sock"));
    accepted = server.accept();
  }

  @AfterEach
  void close() throws Exception {
    client.close();
    accepted.close();
    server.close();
    Files.deleteIfExists(dir.resolve("s.sock"));
    Files.deleteIfExists(dir);
  }

  private static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(8 + body.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(body.length)
        .put(body)
        .array();
  }

  private void send(byte[]... parts) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      all.write(p);
    }
    byte[] b = all.toByteArray();
    client.writeFully(b, 0, b.length);
  }

  @Test
  void framesSentBackToBackComeOutOneByOneWithThePayloadBetween() throws Exception {
    byte[] a = "{\"type\":\"a\"}".getBytes(StandardCharsets.UTF_8);
    byte[] payload = {1, 2, 3, 4, 5};
    byte[] b = "{\"type\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    send(frame(a), payload, frame(b));
    FrameReader r = new FrameReader(accepted);
    assertArrayEquals(a, r.read());
    byte[] got = new byte[payload.length];
    r.readFully(got, 0, got.length);
    assertArrayEquals(payload, got);
    assertArrayEquals(b, r.read());
    assertFalse(r.buffered());
  }

  @Test
  void aFrameLargerThanTheBufferAndOneSplitAcrossWritesAreWhole() throws Exception {
    byte[] big = new byte[300_000];
    new Random(7).nextBytes(big);
    byte[] small = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] bigFrame = frame(big);
    Thread writer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    send(java.util.Arrays.copyOf(bigFrame, 5)); // half a header
                    Thread.sleep(20);
                    send(java.util.Arrays.copyOfRange(bigFrame, 5, bigFrame.length), frame(small));
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                });
    FrameReader r = new FrameReader(accepted);
    assertArrayEquals(big, r.read());
    assertArrayEquals(small, r.read());
    writer.join();
  }

  @Test
  void anOversizedHeaderAndAClosedPeerAreErrors() throws Exception {
    FrameReader r = new FrameReader(accepted);
    send(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
    assertThrows(Frames.FrameTooLargeException.class, r::read);
    UnixSocket other = UnixSocket.connect(dir.resolve("s.sock"));
    UnixSocket otherAccepted = server.accept();
    other.writeFully(new byte[] {3, 0, 0}, 0, 3);
    other.close();
    FrameReader r2 = new FrameReader(otherAccepted);
    assertThrows(EOFException.class, r2::read);
    otherAccepted.close();
  }
}
