package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.VineyardClient;
import java.lang.foreign.Arena;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.BufferLedger;
import org.apache.arrow.memory.ReferenceManager;

/**
 * One Arrow allocation that is one unsealed blob: Arrow writes into the blob's shared memory, a
 * {@code put} seals it ({@link #seal}) and refers to it instead of copying. Released by Arrow
 * before any put sealed it, the blob is dropped and its memory freed.
 */
public final class StoreAllocationManager extends AllocationManager {
  // the allocators made by StoreAllocator, to tell them apart (weak: they are not owned here)
  private static final Map<BufferAllocator, Boolean> ROOTS =
      java.util.Collections.synchronizedMap(new WeakHashMap<>());
  // what Arrow hands out for zero-byte buffers; never read or written
  private static final long EMPTY_ADDRESS = Arena.global().allocate(8, 8).address();

  private final BlobWriter writer;
  private final long address;
  private boolean sealed;

  private StoreAllocationManager(BufferAllocator accounting, BlobWriter writer) {
    super(accounting);
    this.writer = writer;
    this.address = writer.segment().address();
  }

  /** The factory of a store allocator over {@code client}. */
  public static AllocationManager.Factory factory(VineyardClient client) {
    return new AllocationManager.Factory() {
      @Override
      public AllocationManager create(BufferAllocator accounting, long size) {
        return new StoreAllocationManager(accounting, client.createBlob(size));
      }

      @Override
      public ArrowBuf empty() {
        return new ArrowBuf(ReferenceManager.NO_OP, null, 0, EMPTY_ADDRESS);
      }
    };
  }

  /** Records a store allocator made by {@code StoreAllocator}. */
  public static BufferAllocator register(BufferAllocator root) {
    ROOTS.put(root, Boolean.TRUE);
    return root;
  }

  /** Whether the allocator's root is a store allocator. */
  public static boolean isStoreBacked(BufferAllocator allocator) {
    return ROOTS.containsKey(allocator.getRoot());
  }

  /** The store allocation a buffer lives in, or null when it is ordinary memory. */
  static StoreAllocationManager of(ArrowBuf buf) {
    return buf.getReferenceManager() instanceof BufferLedger l
            && l.getAllocationManager() instanceof StoreAllocationManager m
        ? m
        : null;
  }

  /** The byte offset of {@code buf} in this allocation's blob. */
  long offsetOf(ArrowBuf buf) {
    return buf.memoryAddress() - address;
  }

  /** The blob, sealed on the first call: from then on it is immutable and the object's. */
  synchronized BlobWriter seal() {
    if (!sealed) {
      writer.seal();
      sealed = true;
    }
    return writer;
  }

  @Override
  public long getSize() {
    return writer.size();
  }

  @Override
  protected long memoryAddress() {
    return address;
  }

  @Override
  protected synchronized void release0() {
    writer.close(); // drops the blob unless a put sealed it
  }
}
