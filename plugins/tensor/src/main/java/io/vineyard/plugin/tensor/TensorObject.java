package io.vineyard.plugin.tensor;

import io.vineyard.api.ElementType;
import io.vineyard.api.ElementView;
import io.vineyard.api.VineyardException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@code vineyard::Tensor<T>} in the store, as {@code getObject} returns it: a shape, a memory
 * order and {@link #size()} elements of {@link #valueType()} in the blob of member {@code buffer_}.
 *
 * <p>Payload views ({@link #segment()}, {@link #tensor()}, {@link #buffer()} and the other typed
 * buffers of {@link ElementView}) are zero-copy and read-only: they map the instance's shared
 * memory, hold the elements little-endian in memory order, keep the blob in the instance while they
 * are reachable, and are valid until this view or its client is closed (then they throw {@link
 * IllegalStateException}). A tensor whose blob lives on another instance has metadata only: {@link
 * #isLocal()} is false and the payload views throw {@link VineyardException.ObjectNotExists}.
 */
@ProviderType
public interface TensorObject extends ElementView {

  /** The shape ({@code shape_}, a copy); empty for a 0-d tensor. */
  long[] shape();

  /** The element type ({@code value_type_}). */
  @Override
  ElementType valueType();

  /** The memory order ({@code order_}; C when the tree has none, as C++ writers omit it). */
  Tensor.Order order();

  /** The number of elements: the product of the shape. */
  @Override
  long size();

  /**
   * The tensor as a value over the shared memory (no copy), as {@code client.get(id)} returns it.
   *
   * @throws VineyardException.ObjectNotExists when the blob lives on another instance
   */
  Tensor tensor();
}
