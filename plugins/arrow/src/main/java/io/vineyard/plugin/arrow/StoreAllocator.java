package io.vineyard.plugin.arrow;

import io.vineyard.api.VineyardClient;
import io.vineyard.plugin.arrow.internal.StoreAllocationManager;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.rounding.SegmentRoundingPolicy;

/**
 * Arrow allocators whose memory is the store's: every allocation is a new, unsealed blob of the
 * client's instance, so vectors built with it are written straight into shared memory, and {@code
 * put} of a root built with it seals those blobs instead of copying them.
 *
 * <p>Ownership: a buffer's blob stays unsealed, writable and private to the client until a {@code
 * put} uses it; then it is sealed and belongs to the object put (a root must not be changed after
 * its put). A blob no put used is dropped, its memory freed, when Arrow releases the buffer
 * (closing the vector or the allocator), or when the client disconnects. Allocations count against
 * the instance's {@code --size}: beyond it they throw {@link
 * io.vineyard.api.VineyardException.NotEnoughMemory}. Allocations are rounded up to 1 KiB, not to a
 * power of two, so a blob is little larger than what the vector asked for.
 */
public final class StoreAllocator {
  private StoreAllocator() {}

  /**
   * A root allocator over {@code client}'s instance, without a limit of its own.
   *
   * @param client the connection the blobs are created on; a {@code put} through another connection
   *     copies these buffers like any others
   */
  public static BufferAllocator create(VineyardClient client) {
    return create(client, Long.MAX_VALUE);
  }

  /** A root allocator over {@code client}'s instance, allocating at most {@code limit} bytes. */
  public static BufferAllocator create(VineyardClient client, long limit) {
    Objects.requireNonNull(client, "client");
    return StoreAllocationManager.register(
        new RootAllocator(
            RootAllocator.configBuilder()
                .allocationManagerFactory(StoreAllocationManager.factory(client))
                .roundingPolicy(new SegmentRoundingPolicy(1024))
                .maxAllocation(limit)
                .build()));
  }

  /** Whether {@code allocator} hands out store blobs (it or its root was made here). */
  public static boolean isStoreBacked(BufferAllocator allocator) {
    return StoreAllocationManager.isStoreBacked(allocator);
  }
}
