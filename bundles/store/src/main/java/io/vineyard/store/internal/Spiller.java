package io.vineyard.store.internal;

import io.vineyard.api.ErrorCode;
import io.vineyard.api.ObjectId;
import io.vineyard.api.VineyardException;
import io.vineyard.settings.Sizes;
import io.vineyard.store.SpillSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves cold blobs between memory and their spill files: which sealed blobs nobody references
 * (least recently used first), when to spill them, and loading them back. Not thread-safe: the
 * store's lock guards it, and every copy runs under it (as vineyardd spills in its create path).
 *
 * <p>Order of a spill: the file is written whole, then the index records the blob as spilled, then
 * its memory is freed; a crash at any point leaves either the blob in memory (and a stray file,
 * deleted at the next open) or the blob in its file. A load places the blob anew, copies the file
 * in, records the new place, then deletes the file.
 */
final class Spiller {
  private static final System.Logger LOG = System.getLogger(Spiller.class.getName());

  private final SpillFiles files;
  private final ArenaSet arenas;
  private final BlobIndex index;
  private final long lower;
  private final long upper;

  /** Sealed, resident, unreferenced blobs, least recently used first. */
  private final Map<ObjectId, BlobEntry> cold = new LinkedHashMap<>();

  private long spilledBytes;
  private String lastFailure;

  Spiller(SpillFiles files, SpillSettings settings, long limit, ArenaSet arenas, BlobIndex index) {
    this.files = files;
    this.arenas = arenas;
    this.index = index;
    this.lower = (long) (settings.lowerRate() * limit);
    this.upper = (long) (settings.upperRate() * limit);
  }

  SpillFiles files() {
    return files;
  }

  /** The bytes of the blobs spilled now. */
  long spilledBytes() {
    return spilledBytes;
  }

  /** A blob nobody references any more (or kept from an earlier run): the newest cold one. */
  void cold(BlobEntry e) {
    if (e.sealed && !e.spilled && !e.deleted && e.refs.isEmpty()) {
      cold.remove(e.id);
      cold.put(e.id, e);
    }
  }

  /** A blob someone references again, or one leaving the table. */
  void warm(BlobEntry e) {
    cold.remove(e.id);
  }

  /** A spilled blob restored from an earlier run's index. */
  void restoredSpilled(BlobEntry e) {
    spilledBytes += e.size;
  }

  /** The blob is being freed: forgets it, and deletes its spill file when it is spilled. */
  void forget(BlobEntry e) {
    cold.remove(e.id);
    if (e.spilled) {
      files.delete(e.id);
      spilledBytes -= e.size;
    }
  }

  /**
   * Places {@code size} bytes, spilling cold blobs first when the use is at or above the upper rate
   * or nothing fits; null when nothing fits even then ({@link #lastFailure} may say why).
   */
  ArenaSet.Placement allocate(long size) {
    lastFailure = null;
    ArenaSet.Placement at = arenas.allocate(size);
    if (at == null || arenas.used() >= upper) {
      makeRoom(at == null ? size : 0);
      if (at == null) {
        at = arenas.allocate(size);
      }
    }
    return at;
  }

  /** Why the last spill stopped short, as a clause for an error message; empty when it did not. */
  String lastFailure() {
    return lastFailure == null ? "" : "; spilling to " + files.dir() + " failed: " + lastFailure;
  }

  /**
   * Spills cold blobs, oldest first, until the use is at or below the lower rate and {@code need}
   * bytes (0: none) fit in one range; then hands the freed pages back to the system.
   */
  private void makeRoom(long need) {
    int count = 0;
    long bytes = 0;
    for (BlobEntry e : new ArrayList<>(cold.values())) {
      if (arenas.used() <= lower
          && (need == 0 || arenas.largestFree() >= ArenaAllocator.align(need))) {
        break;
      }
      if (e.pinned) {
        continue;
      }
      try {
        spill(e);
        count++;
        bytes += e.size;
      } catch (IOException | RuntimeException ex) {
        lastFailure = ex.getMessage();
        LOG.log(Level.WARNING, "cannot spill blob " + e.id + " to " + files.dir() + ": " + ex);
        break;
      }
    }
    arenas.trim();
    if (count > 0) {
      LOG.log(
          Level.INFO,
          "spilled "
              + count
              + " cold blobs ("
              + Sizes.format(bytes)
              + ") to "
              + files.dir()
              + "; "
              + Sizes.format(arenas.used())
              + " in memory, "
              + Sizes.format(spilledBytes)
              + " spilled");
    }
  }

  /**
   * Writes a sealed, resident, unreferenced blob to its spill file and frees its memory (the caller
   * trims).
   */
  void spill(BlobEntry e) throws IOException {
    if (e.size == 0) {
      return; // a blob shrunk to nothing keeps 64 bytes in memory: nothing worth a file
    }
    files.write(e.id, e.arena.channel(), e.offset, e.size);
    if (index != null) {
      index.spilled(e.id, e.size);
    }
    e.arena.allocator().free(e.offset, e.size);
    e.arena = null;
    e.offset = 0;
    e.spilled = true;
    cold.remove(e.id);
    spilledBytes += e.size;
  }

  /**
   * Spills the given blobs now ({@code evict_request}), as vineyardd does: pinned ones are passed
   * over; so are those a connection references (their memory is mapped by clients, which vineyardd
   * does not check); the others are spilled, and the unsealed or already spilled ones reported
   * together once the rest is done.
   *
   * @throws VineyardException of the first problem's code (ObjectNotSealed, ObjectSpilled,
   *     IOError), naming every blob concerned
   */
  void evict(List<BlobEntry> blobs) {
    List<VineyardException> problems = new ArrayList<>();
    for (BlobEntry e : blobs) {
      if (!e.sealed) {
        problems.add(
            new VineyardException.ObjectNotSealed(
                "blob " + e.id + " is not sealed and cannot be spilled"));
      } else if (e.spilled) {
        problems.add(
            new VineyardException(
                ErrorCode.OBJECT_SPILLED, "blob " + e.id + " is spilled already"));
      } else if (!e.pinned && e.refs.isEmpty()) {
        try {
          spill(e);
        } catch (IOException ex) {
          problems.add(
              new VineyardException(
                  ErrorCode.IO_ERROR,
                  "cannot spill blob " + e.id + " to " + files.dir() + ": " + ex.getMessage(),
                  ex));
        }
      }
    }
    arenas.trim();
    if (!problems.isEmpty()) {
      VineyardException first = problems.get(0);
      String all = String.join("; ", problems.stream().map(VineyardException::getMessage).toList());
      throw VineyardException.of(first.code().code(), all);
    }
  }

  /**
   * Loads a spilled blob back into memory (spilling colder ones when needed), at a new place; the
   * caller references it or marks it cold.
   *
   * @throws VineyardException.NotEnoughMemory when it fits nowhere even after spilling
   * @throws VineyardException with code IOError when its spill file cannot be read
   */
  void load(BlobEntry e, long limit) {
    ArenaSet.Placement at = allocate(e.size);
    if (at == null) {
      throw new VineyardException.NotEnoughMemory(
          "cannot load spilled blob "
              + e.id
              + " back: "
              + ArenaAllocator.shortage(e.size, arenas.used(), limit, arenas.largestFree())
              + lastFailure());
    }
    if (!at.arena().reserve(at.offset(), ArenaAllocator.align(e.size))) {
      at.arena().allocator().free(at.offset(), e.size);
      throw new VineyardException.NotEnoughMemory(
          "cannot load spilled blob "
              + e.id
              + " back: the shared-memory filesystem has no room for its "
              + Sizes.format(e.size));
    }
    try {
      files.read(e.id, at.arena().channel(), at.offset(), e.size);
    } catch (IOException ex) {
      at.arena().allocator().free(at.offset(), e.size);
      throw new VineyardException(
          ErrorCode.IO_ERROR, "cannot load spilled blob " + e.id + " back: " + ex.getMessage(), ex);
    }
    e.arena = at.arena();
    e.offset = at.offset();
    e.spilled = false;
    spilledBytes -= e.size;
    if (index != null) {
      index.moved(e.id, arenas.indexOf(at.arena()), at.offset(), e.size);
    }
    files.delete(e.id);
  }
}
