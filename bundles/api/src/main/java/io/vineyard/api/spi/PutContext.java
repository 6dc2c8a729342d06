package io.vineyard.api.spi;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectMeta;
import org.osgi.annotation.versioning.ProviderType;

/** What a plugin may do while putting a value: create blobs, members and metadata. */
@ProviderType
public interface PutContext {

  /** Creates an unsealed blob to be filled and sealed by the plugin. */
  BlobWriter createBlob(long size);

  /** The metadata of a sealed blob created through {@link #createBlob}. */
  ObjectMeta blobMeta(BlobWriter sealed);

  /**
   * Puts a member value (through whichever plugin can put it); an {@link io.vineyard.api.ObjectId}
   * or a {@link io.vineyard.api.VineyardObject} refers to an object already in the store.
   */
  ObjectMeta putMember(Object value);

  /** Creates the object from its tree; returns the tree with {@code id} and {@code signature}. */
  ObjectMeta create(ObjectMeta meta);
}
