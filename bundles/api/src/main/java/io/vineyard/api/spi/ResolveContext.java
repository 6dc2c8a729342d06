package io.vineyard.api.spi;

import io.vineyard.api.Blob;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import org.osgi.annotation.versioning.ProviderType;

/** What a plugin may do while building a view or a value: reach blobs and member objects. */
@ProviderType
public interface ResolveContext {

  /**
   * The blob a {@code vineyard::Blob} tree describes: mapped when it lives on this client's
   * instance, metadata only ({@link Blob#isLocal()} false) when it lives elsewhere.
   */
  Blob blob(ObjectMeta blobMeta);

  /** The typed view of a member, through its plugin (or a generic view). */
  VineyardObject view(ObjectMeta member);

  /** The Java value of a member, through its plugin. */
  Object resolve(ObjectMeta member);
}
