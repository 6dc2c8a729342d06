package io.vineyard.plugin.composite;

import io.vineyard.api.VineyardObject;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The typed view of a {@code vineyard::Pair}: its two members as typed views.
 *
 * <p>A member whose payload lives on another instance still has its view (its metadata is known
 * everywhere); only its payload is absent, e.g. a {@link io.vineyard.api.Blob} with {@code
 * isLocal()} false. The member views hold their blobs; closing the pair closes both.
 */
@ProviderType
public interface PairObject extends VineyardObject {
  /** The typename of pairs. */
  String TYPENAME = "vineyard::Pair";

  /** The view of member {@code first_}. */
  VineyardObject first();

  /** The view of member {@code second_}. */
  VineyardObject second();
}
