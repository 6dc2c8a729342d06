package io.vineyard.store;

import io.vineyard.store.internal.SharedMemoryStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens bulk stores outside Declarative Services (tests, embedding); the DS component opens its
 * store the same way.
 */
public final class BulkStores {
  private BulkStores() {}

  /**
   * Opens a store capped at {@code limit} bytes with its arena files in {@code shmDir}.
   *
   * <p>Creates {@code shmDir} (mode 0700) if needed, and in it the arena file {@code arena-0} (mode
   * 0600, {@code limit} bytes, sparse: memory is used only as blobs are written), replacing a stale
   * one. The caller owns the store: {@link BulkStore#close()} deletes the files (and the folder,
   * when nothing else is in it).
   *
   * @throws IOException naming the path when the folder or the file cannot be made
   * @throws IllegalArgumentException when {@code limit} is not positive
   */
  public static BulkStore open(Path shmDir, long limit) throws IOException {
    return SharedMemoryStore.open(shmDir, limit);
  }

  /**
   * Opens a store whose sealed blobs outlive it when {@code keep}: {@link BulkStore#close()} (or
   * the death of the process) leaves the arena files and their index in {@code shmDir}, and the
   * next store opened there with {@code keep} brings back every blob that was sealed and not
   * deleted (unsealed ones are gone). Without {@code keep}, as {@link #open(Path, long)}.
   *
   * @throws IllegalStateException when {@code limit} is smaller than the kept blobs need
   */
  public static BulkStore open(Path shmDir, long limit, boolean keep) throws IOException {
    return SharedMemoryStore.open(shmDir, limit, keep);
  }

  /**
   * Opens a store as {@link #open(Path, long, boolean)} that spills cold blobs to disk under memory
   * pressure as {@code spill} says ({@code null}: never). Spilled blobs are kept across runs like
   * the others when {@code keep}: their files stay in the spill folder, and the next store opened
   * with the same spill folder has them back.
   *
   * @throws IOException naming the spill folder when it cannot be made or written
   * @throws IllegalStateException when the kept blobs include spilled ones and {@code spill} is
   *     null
   */
  public static BulkStore open(Path shmDir, long limit, boolean keep, SpillSettings spill)
      throws IOException {
    return SharedMemoryStore.open(shmDir, limit, keep, spill);
  }
}
