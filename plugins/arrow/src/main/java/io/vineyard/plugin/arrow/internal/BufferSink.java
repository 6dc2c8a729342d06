package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.spi.PutContext;
import java.lang.foreign.MemorySegment;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Turns Arrow buffers into blob members for one {@code put}: a buffer that is a whole store
 * allocation from its start ({@link StoreAllocationManager}) is sealed and referred to, no byte
 * copied; any other buffer is copied once into a new blob.
 */
final class BufferSink {
  private final PutContext ctx;
  private long copied;
  private long shared;

  BufferSink(PutContext ctx) {
    this.ctx = ctx;
  }

  PutContext ctx() {
    return ctx;
  }

  /** The blob of the first {@code bytes} bytes of {@code buf}; the empty blob for none. */
  ObjectMeta blob(ArrowBuf buf, long bytes) {
    if (bytes == 0 || buf == null) {
      return empty();
    }
    if (bytes > buf.capacity()) {
      throw new IllegalStateException(
          "an Arrow buffer of "
              + buf.capacity()
              + " bytes holds fewer than the "
              + bytes
              + " used");
    }
    StoreAllocationManager m = StoreAllocationManager.of(buf);
    if (m != null && m.offsetOf(buf) == 0) {
      ObjectMeta meta = ctx.blobMeta(m.seal());
      shared += meta.number("length").orElse(0L);
      return meta;
    }
    try (BlobWriter w = ctx.createBlob(bytes)) {
      MemorySegment.copy(
          MemorySegment.ofAddress(buf.memoryAddress()).reinterpret(bytes),
          0,
          w.segment(),
          0,
          bytes);
      w.seal();
      copied += bytes;
      return ctx.blobMeta(w);
    }
  }

  /** A blob of the given bytes (a copy). */
  ObjectMeta blob(byte[] bytes) {
    if (bytes.length == 0) {
      return empty();
    }
    try (BlobWriter w = ctx.createBlob(bytes.length)) {
      MemorySegment.copy(MemorySegment.ofArray(bytes), 0, w.segment(), 0, bytes.length);
      w.seal();
      copied += bytes.length;
      return ctx.blobMeta(w);
    }
  }

  ObjectMeta empty() {
    try (BlobWriter w = ctx.createBlob(0)) {
      w.seal();
      return ctx.blobMeta(w);
    }
  }

  /** Bytes copied into new blobs so far. */
  long copied() {
    return copied;
  }

  /** Bytes of store allocations referred to without a copy so far. */
  long shared() {
    return shared;
  }
}
