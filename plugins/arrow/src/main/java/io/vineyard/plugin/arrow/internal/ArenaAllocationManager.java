package io.vineyard.plugin.arrow.internal;

import java.lang.foreign.Arena;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.memory.RootAllocator;

/**
 * Ordinary native memory for Arrow from {@code java.lang.foreign} (no Unsafe or Netty allocator
 * needed): what vectors over blobs allocate beside them, such as an all-valid bitmap Arrow makes
 * for a column without nulls. Each allocation has its own arena, closed when Arrow releases it.
 */
final class ArenaAllocationManager extends AllocationManager {
  private static final long EMPTY_ADDRESS = Arena.global().allocate(8, 8).address();
  private static final AllocationManager.Factory FACTORY =
      new AllocationManager.Factory() {
        @Override
        public AllocationManager create(BufferAllocator accounting, long size) {
          return new ArenaAllocationManager(accounting, size);
        }

        @Override
        public ArrowBuf empty() {
          return new ArrowBuf(ReferenceManager.NO_OP, null, 0, EMPTY_ADDRESS);
        }
      };

  private final Arena arena = Arena.ofShared();
  private final long size;
  private final long address;

  private ArenaAllocationManager(BufferAllocator accounting, long size) {
    super(accounting);
    this.size = size;
    this.address = arena.allocate(Math.max(size, 1), 64).address();
  }

  /** A root allocator of such memory, for the vectors of one {@code get}. */
  static BufferAllocator newRoot() {
    return new RootAllocator(
        RootAllocator.configBuilder().allocationManagerFactory(FACTORY).build());
  }

  @Override
  public long getSize() {
    return size;
  }

  @Override
  protected long memoryAddress() {
    return address;
  }

  @Override
  protected void release0() {
    arena.close();
  }
}
