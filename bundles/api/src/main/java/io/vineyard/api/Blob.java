package io.vineyard.api;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * A sealed, immutable byte range in one instance's bulk store ({@code vineyard::Blob}).
 *
 * <p>Views are zero-copy and read-only: they point into the client's shared mapping of the
 * instance's arena and stay valid until this view is closed (or its client), and the blob stays in
 * the instance while this view or a segment or buffer made from it is reachable (see {@link
 * VineyardObject}). A blob whose payload lives on another instance has metadata only: {@link
 * #isLocal()} is false and the views are absent.
 */
public interface Blob extends VineyardObject {

  /** The typename of blobs. */
  String TYPENAME = "vineyard::Blob";

  /** The size of the payload in bytes. */
  long size();

  /** Whether the payload is mapped in this process (it lives on the instance the client is on). */
  boolean isLocal();

  /**
   * A read-only view of the payload.
   *
   * @throws VineyardException.ObjectNotExists when the payload lives on another instance
   */
  MemorySegment segment();

  /**
   * A read-only {@link ByteBuffer} over the payload (position 0, limit {@link #size()}).
   *
   * @throws VineyardException.Invalid when the blob is larger than a ByteBuffer can address (2 GiB
   *     - 1); use {@link #segment()} then
   */
  ByteBuffer buffer();
}
