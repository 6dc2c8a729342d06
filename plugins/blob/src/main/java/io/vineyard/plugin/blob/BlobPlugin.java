package io.vineyard.plugin.blob;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::Blob}: puts {@code byte[]}, {@link ByteBuffer} (its remaining bytes, heap or
 * direct; the buffer's position is not changed) and {@link MemorySegment} values as one blob each,
 * with one copy straight into the shared mapping; resolves a blob to a read-only view of that
 * mapping (no copy): a {@link ByteBuffer}, or for blobs of 2 GiB and more (beyond what a ByteBuffer
 * can address) the read-only {@link MemorySegment}. A blob whose payload lives on another instance
 * resolves to {@code null}.
 *
 * <p>Registered as a DS component and as a {@link java.util.ServiceLoader} provider ({@code
 * META-INF/services}); stateless.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + BlobPlugin.TYPENAME)
public final class BlobPlugin implements ObjectTypePlugin {
  /** The typename of blobs. */
  public static final String TYPENAME = Blob.TYPENAME;

  /** For ServiceLoader and DS. */
  public BlobPlugin() {}

  @Override
  public String typename() {
    return TYPENAME;
  }

  @Override
  public boolean canPut(Object value) {
    return value instanceof byte[] || value instanceof ByteBuffer || value instanceof MemorySegment;
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    MemorySegment source =
        switch (value) {
          case byte[] bytes -> MemorySegment.ofArray(bytes);
          // ofBuffer covers position..limit and leaves the buffer's position alone
          case ByteBuffer buffer -> MemorySegment.ofBuffer(buffer);
          case MemorySegment segment -> segment;
          case null -> throw new VineyardException.TypeError("vineyard::Blob cannot put null");
          default ->
              throw new VineyardException.TypeError(
                  "vineyard::Blob cannot put a "
                      + value.getClass().getName()
                      + " (it puts byte[], java.nio.ByteBuffer and java.lang.foreign.MemorySegment)");
        };
    try (BlobWriter writer = ctx.createBlob(source.byteSize())) {
      if (source.byteSize() > 0) {
        MemorySegment.copy(
            source,
            ValueLayout.JAVA_BYTE,
            0,
            writer.segment(),
            ValueLayout.JAVA_BYTE,
            0,
            source.byteSize());
      }
      writer.seal();
      return ctx.blobMeta(writer);
    }
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    return ctx.blob(meta);
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    Blob blob = ctx.blob(meta);
    if (!blob.isLocal()) {
      return null;
    }
    return blob.size() > Integer.MAX_VALUE ? blob.segment() : blob.buffer();
  }

  @Override
  public void validate(ObjectMeta meta) {
    requireSize(meta, "length");
    requireSize(meta, "nbytes");
  }

  private static void requireSize(ObjectMeta meta, String field) {
    if (!(meta.value(field).orElse(null) instanceof Long n) || n < 0) {
      throw new VineyardException.Invalid(
          "vineyard::Blob "
              + meta.string("id").orElse("(new)")
              + ": field '"
              + field
              + "' must be a non-negative integer, got "
              + meta.json(field).orElse("nothing"));
    }
  }
}
