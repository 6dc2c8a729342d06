package io.vineyard.plugin.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.StreamReader;
import io.vineyard.api.StreamWriter;
import io.vineyard.api.VineyardClient;
import io.vineyard.api.VineyardException;
import io.vineyard.client.Vineyard;
import io.vineyard.testkit.TestInstance;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stream objects as vineyard's clients write them, through a real instance and the client. */
class StreamObjectTest {
  TestInstance instance;

  @BeforeEach
  void start() throws Exception {
    instance = new TestInstance(16L << 20);
  }

  @AfterEach
  void stop() throws Exception {
    instance.close();
  }

  @Test
  void aByteStreamAsPythonWritesItIsViewedWithItsParams() {
    try (VineyardClient c = Vineyard.connect(instance.socket())) {
      ObjectId id =
          c.createStream(
              ObjectMeta.builder(StreamObject.BYTE_STREAM)
                  .put("params_", "{\"path\": \"/data/x.csv\", \"header\": true}")
                  .build());
      StreamObject s = c.getObject(id, StreamObject.class);
      assertEquals(Map.of("path", "/data/x.csv", "header", true), s.params());
      assertEquals(StreamObject.BYTE_STREAM, s.typename());
      assertInstanceOf(StreamObject.class, c.get(id));
      assertTrue(s.toString().contains("vineyard::ByteStream"), s.toString());

      ObjectId batches =
          c.createStream(ObjectMeta.builder(StreamObject.RECORD_BATCH_STREAM).build());
      assertEquals(Map.of(), c.getObject(batches, StreamObject.class).params());
    }
  }

  @Test
  void badParamsAreRefusedNamingTheField() {
    try (VineyardClient c = Vineyard.connect(instance.socket())) {
      VineyardException e =
          assertThrows(
              VineyardException.Invalid.class,
              () ->
                  c.createStream(
                      ObjectMeta.builder(StreamObject.DATAFRAME_STREAM)
                          .put("params_", "[1, 2]")
                          .build()));
      assertTrue(e.getMessage().contains("params_"), e.getMessage());
      assertThrows(VineyardException.TypeError.class, () -> c.put(Map.of()));
    }
  }

  @Test
  void bytesFlowFromWriterToReader() {
    try (VineyardClient producer = Vineyard.connect(instance.socket());
        VineyardClient consumer = Vineyard.connect(instance.socket())) {
      ObjectId id = producer.createStream(ObjectMeta.builder(StreamObject.BYTE_STREAM).build());
      try (StreamWriter w = producer.openStreamWriter(id);
          StreamReader r = consumer.openStreamReader(id)) {
        for (byte b = 1; b <= 3; b++) {
          w.nextChunk(2).segment().fill(b);
        }
        w.stop();
        List<byte[]> got = new java.util.ArrayList<>();
        for (var chunk = r.next(); chunk.isPresent(); chunk = r.next()) {
          ByteBuffer bytes = (ByteBuffer) consumer.get(chunk.get());
          byte[] out = new byte[bytes.remaining()];
          bytes.get(out);
          got.add(out);
        }
        assertEquals(3, got.size());
        assertArrayEquals(new byte[] {3, 3}, got.get(2));
      }
    }
  }
}
