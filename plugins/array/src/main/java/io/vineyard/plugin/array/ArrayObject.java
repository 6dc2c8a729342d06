package io.vineyard.plugin.array;

import io.vineyard.api.ElementType;
import io.vineyard.api.ElementView;
import io.vineyard.api.VineyardException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@code vineyard::Array<T>} in the store, as {@code getObject} returns it: {@link #size()}
 * elements of {@link #valueType()} in the blob of its member {@code buffer_}.
 *
 * <p>Payload views ({@link #segment()}, {@link #buffer()}, {@link #asDoubleBuffer()} and the other
 * typed buffers of {@link ElementView}) are zero-copy and read-only: they map the instance's shared
 * memory, hold the elements little-endian, keep the blob in the instance while they are reachable,
 * and are valid until this view or its client is closed (then they throw {@link
 * IllegalStateException}). An array whose blob lives on another instance has metadata only: {@link
 * #isLocal()} is false and the payload views throw {@link VineyardException.ObjectNotExists}.
 */
@ProviderType
public interface ArrayObject extends ElementView {

  /** The number of elements ({@code size_}). */
  @Override
  long size();

  /** The element type, from the typename ({@code double} in {@code vineyard::Array<double>}). */
  @Override
  ElementType valueType();
}
