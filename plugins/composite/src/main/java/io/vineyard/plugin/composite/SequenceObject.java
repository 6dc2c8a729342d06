package io.vineyard.plugin.composite;

import io.vineyard.api.VineyardObject;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The typed view of a {@code vineyard::Sequence}: its {@code size_} members {@code __elements_-0} …
 * {@code __elements_-(size-1)} as typed views, in order.
 *
 * <p>As for {@link PairObject}, elements whose payload lives on another instance have views without
 * payload. The element views hold their blobs; closing the sequence closes them all.
 */
@ProviderType
public interface SequenceObject extends VineyardObject {
  /** The typename of sequences. */
  String TYPENAME = "vineyard::Sequence";

  /** The number of elements ({@code size_}). */
  int size();

  /**
   * The view of element {@code index} (member {@code __elements_-index}).
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
   */
  VineyardObject get(int index);

  /** The views of all elements, in order; unmodifiable. */
  List<VineyardObject> elements();
}
