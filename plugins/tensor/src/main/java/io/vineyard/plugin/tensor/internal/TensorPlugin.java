package io.vineyard.plugin.tensor.internal;

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
import io.vineyard.plugin.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::Tensor<T>}: puts {@link Tensor} values as one blob of little-endian elements
 * (written straight into shared memory) plus the tree numpy-speaking clients read: {@code
 * value_type_}, {@code value_type_meta_}, {@code shape_} and {@code order_} as JSON texts, {@code
 * partition_index_}, member {@code buffer_}. Resolves to a {@link Tensor} over a read-only segment
 * of the shared mapping (no copy), to a copy when a Java array class is asked for, and to {@code
 * null} when the blob lives on another instance.
 *
 * <p>Registered as a DS component and as a {@link java.util.ServiceLoader} provider; stateless.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + TensorTree.FAMILY)
public final class TensorPlugin implements ObjectTypePlugin {

  /** For ServiceLoader and DS. */
  public TensorPlugin() {}

  @Override
  public String typename() {
    return TensorTree.FAMILY;
  }

  @Override
  public boolean canPut(Object value) {
    return value instanceof Tensor;
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    if (!(value instanceof Tensor tensor)) {
      throw new VineyardException.TypeError(
          "vineyard::Tensor cannot put "
              + (value == null ? "null" : "a " + value.getClass().getName())
              + " (it puts io.vineyard.plugin.tensor.Tensor)");
    }
    ElementType type = tensor.valueType();
    ObjectMeta blob;
    try (BlobWriter writer = ctx.createBlob(tensor.byteSize())) {
      ElementData.copyIn(type, tensor.data(), writer.segment());
      writer.seal();
      blob = ctx.blobMeta(writer);
    }
    return ctx.create(
        ObjectMeta.builder(TensorTree.typename(type))
            .put("value_type_", type.numpyName())
            .put("value_type_meta_", type.numpyDtype())
            .put("shape_", TensorTree.shapeText(tensor.shape()))
            .put("order_", TensorTree.orderText(tensor.order()))
            .put("partition_index_", "[]")
            .nbytes(tensor.byteSize())
            .member("buffer_", blob)
            .build());
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    TensorTree tree = TensorTree.parse(meta);
    return new TensorView(meta, tree, ctx.blob(tree.buffer()));
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    TensorTree tree = TensorTree.parse(meta);
    Blob blob = ctx.blob(tree.buffer());
    return blob.isLocal() ? tensor(tree, blob.segment()) : null;
  }

  /**
   * Also gives copies ({@code double[].class} and the like, in memory order) and the read-only
   * {@link MemorySegment}.
   */
  @Override
  public <T> T resolve(ObjectMeta meta, ResolveContext ctx, Class<T> as) {
    if (ElementData.isElementRequest(as)) {
      TensorTree tree = TensorTree.parse(meta);
      return ElementData.resolveAs(meta, tree.type(), ctx.blob(tree.buffer()), as);
    }
    return ObjectTypePlugin.super.resolve(meta, ctx, as);
  }

  @Override
  public void validate(ObjectMeta meta) {
    TensorTree.parse(meta);
  }

  /** The tensor value over a (read-only, shared) segment of its elements. */
  static Tensor tensor(TensorTree tree, MemorySegment elements) {
    return Tensor.of(tree.type(), elements, tree.shape()).withOrder(tree.order());
  }

  @Override
  public String toString() {
    return "TensorPlugin<" + TensorTree.FAMILY + ">";
  }
}
