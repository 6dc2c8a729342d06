package io.vineyard.plugin.array.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ElementType;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ElementData;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.plugin.array.ArrayValue;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::Array<T>}: puts {@code double[]}, {@code float[]}, {@code long[]}, {@code
 * int[]}, {@code short[]}, {@code boolean[]} and {@link ArrayValue} values as one blob of
 * little-endian elements (written straight into shared memory) plus a tree with {@code size_} and
 * member {@code buffer_}. {@code byte[]} is left to {@code vineyard::Blob}. Resolves to a read-only
 * typed {@link java.nio.Buffer} over the shared mapping (a {@link MemorySegment} from 2 GiB on), to
 * a copy when a Java array class is asked for, and to {@code null} when the blob lives on another
 * instance.
 *
 * <p>Registered as a DS component and as a {@link java.util.ServiceLoader} provider; stateless.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + ArrayTree.FAMILY)
public final class ArrayPlugin implements ObjectTypePlugin {

  /** For ServiceLoader and DS. */
  public ArrayPlugin() {}

  @Override
  public String typename() {
    return ArrayTree.FAMILY;
  }

  @Override
  public boolean canPut(Object value) {
    return value instanceof ArrayValue
        || (value != null
            && !(value instanceof byte[])
            && ElementType.forJavaArray(value.getClass()).isPresent());
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    if (!canPut(value)) {
      throw new VineyardException.TypeError(
          "vineyard::Array cannot put "
              + (value == null ? "null" : "a " + value.getClass().getName())
              + " (it puts double[], float[], long[], int[], short[], boolean[] and ArrayValue)");
    }
    ArrayValue array = value instanceof ArrayValue a ? a : ArrayValue.of(value);
    ObjectMeta blob;
    try (BlobWriter writer = ctx.createBlob(array.byteSize())) {
      array.copyTo(writer.segment());
      writer.seal();
      blob = ctx.blobMeta(writer);
    }
    return ctx.create(
        ObjectMeta.builder(ArrayTree.typename(array.valueType()))
            .put("size_", array.size())
            .nbytes(array.byteSize())
            .member("buffer_", blob)
            .build());
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    ArrayTree tree = ArrayTree.parse(meta);
    return new ArrayView(meta, tree, ctx.blob(tree.buffer()));
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    ArrayTree tree = ArrayTree.parse(meta);
    Blob blob = ctx.blob(tree.buffer());
    if (!blob.isLocal()) {
      return null;
    }
    MemorySegment s = blob.segment();
    return s.byteSize() > Integer.MAX_VALUE ? s : ElementData.buffer(tree.type(), s);
  }

  /**
   * Also gives copies ({@code double[].class} and the like) and the read-only {@link
   * MemorySegment}.
   */
  @Override
  public <T> T resolve(ObjectMeta meta, ResolveContext ctx, Class<T> as) {
    if (ElementData.isElementRequest(as)) {
      ArrayTree tree = ArrayTree.parse(meta);
      return ElementData.resolveAs(meta, tree.type(), ctx.blob(tree.buffer()), as);
    }
    return ObjectTypePlugin.super.resolve(meta, ctx, as);
  }

  @Override
  public void validate(ObjectMeta meta) {
    ArrayTree.parse(meta);
  }

  @Override
  public String toString() {
    return "ArrayPlugin<" + ArrayTree.FAMILY + ">";
  }
}
