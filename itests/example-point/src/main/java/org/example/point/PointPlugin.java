package org.example.point;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import java.lang.foreign.ValueLayout;
import org.osgi.service.component.annotations.Component;

/**
 * {@code example::Point}: a {@link Point} is one 16-byte blob, member {@code buffer_}, holding x
 * then y as little-endian doubles. The tree is {@code {"typename": "example::Point", "buffer_":
 * blob}}.
 *
 * <p>An OSGi service through DS (the runtime validates trees with it) and a ServiceLoader provider
 * ({@code META-INF/services}, for plain-JVM clients); stateless.
 */
@Component(property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + PointPlugin.TYPENAME)
public final class PointPlugin implements ObjectTypePlugin {
  /** The typename of points. */
  public static final String TYPENAME = "example::Point";

  private static final ValueLayout.OfDouble LE_DOUBLE =
      JAVA_DOUBLE_UNALIGNED.withOrder(LITTLE_ENDIAN);

  @Override
  public String typename() {
    return TYPENAME;
  }

  @Override
  public boolean canPut(Object value) {
    return value instanceof Point;
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    Point p = (Point) value;
    try (BlobWriter buffer = ctx.createBlob(16)) {
      buffer.segment().set(LE_DOUBLE, 0, p.x());
      buffer.segment().set(LE_DOUBLE, 8, p.y());
      buffer.seal();
      return ctx.create(
          ObjectMeta.builder(TYPENAME).nbytes(16).member("buffer_", ctx.blobMeta(buffer)).build());
    }
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    return new PointObject(meta, (Point) resolve(meta, ctx));
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    Blob buffer = ctx.blob(meta.member("buffer_").orElseThrow());
    if (!buffer.isLocal()) {
      return null; // the payload lives on another instance
    }
    return new Point(buffer.segment().get(LE_DOUBLE, 0), buffer.segment().get(LE_DOUBLE, 8));
  }

  @Override
  public void validate(ObjectMeta meta) {
    ObjectMeta buffer =
        meta.member("buffer_")
            .orElseThrow(
                () -> new VineyardException.Invalid(TYPENAME + ": member 'buffer_' is missing"));
    long length = buffer.number("length").orElse(-1L);
    if (length != 16) {
      throw new VineyardException.Invalid(
          TYPENAME + ": member 'buffer_' must hold 16 bytes (x, y), it holds " + length);
    }
  }

  /** The typed view: the metadata and the point (null when its payload is on another instance). */
  public record PointObject(ObjectMeta meta, Point point) implements VineyardObject {
    @Override
    public String toString() {
      return VineyardObject.describe(this);
    }
  }
}
