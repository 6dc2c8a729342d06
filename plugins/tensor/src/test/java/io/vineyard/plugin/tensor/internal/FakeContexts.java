package io.vineyard.plugin.tensor.internal;

import io.vineyard.api.Blob;
import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-process stand-in for the client: blobs are native memory of one confined arena, created
 * trees get IDs after the plugin validates them (as the client does), and a blob this fake did not
 * create is "on another instance".
 */
final class FakeContexts implements PutContext, ResolveContext, AutoCloseable {
  final Arena arena = Arena.ofConfined();
  final Map<ObjectId, MemorySegment> sealed = new HashMap<>();
  final ObjectTypePlugin plugin;
  int dropped;
  /** Hands out writers whose segment is one byte short, so that a put fails mid-copy. */
  boolean shortSegments;
  private long nextBlob = ObjectId.BLOB_BIT | 1;
  private long nextObject = 1;

  FakeContexts(ObjectTypePlugin plugin) {
    this.plugin = plugin;
  }

  @Override
  public BlobWriter createBlob(long size) {
    ObjectId id = size == 0 ? ObjectId.EMPTY_BLOB : ObjectId.of(nextBlob++);
    MemorySegment segment = arena.allocate(Math.max(size, 1)).asSlice(0, shortSegments ? size - 1 : size);
    return new BlobWriter() {
      boolean done;

      @Override public ObjectId id() { return id; }
      @Override public long size() { return size; }
      @Override public MemorySegment segment() { return segment; }

      @Override
      public ObjectId seal() {
        if (done) {
          throw new VineyardException.ObjectSealed(id + " already sealed");
        }
        done = true;
        sealed.put(id, segment.asReadOnly());
        return id;
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          dropped++;
        }
      }
    };
  }

  @Override
  public ObjectMeta blobMeta(BlobWriter w) {
    return ObjectMeta.builder("vineyard::Blob").put("id", w.id().toString()).put("length", w.size())
        .nbytes(w.size()).put("instance_id", 0L).build();
  }

  @Override
  public ObjectMeta create(ObjectMeta meta) {
    plugin.validate(meta);
    var tree = meta.tree();
    tree.put("id", ObjectId.of(nextObject++).toString());
    return ObjectMeta.of(tree);
  }

  @Override public ObjectMeta putMember(Object value) { throw new UnsupportedOperationException(); }
  @Override public VineyardObject view(ObjectMeta member) { throw new UnsupportedOperationException(); }
  @Override public Object resolve(ObjectMeta member) { throw new UnsupportedOperationException(); }

  @Override
  public Blob blob(ObjectMeta meta) {
    MemorySegment s = sealed.get(meta.id());
    long size = meta.number("length").orElse(0L);
    return new Blob() {
      @Override public ObjectMeta meta() { return meta; }
      @Override public long size() { return size; }
      @Override public boolean isLocal() { return s != null; }

      @Override
      public MemorySegment segment() {
        if (s == null) {
          throw new VineyardException.ObjectNotExists("blob " + meta.id() + " lives on another instance");
        }
        return s;
      }

      @Override public ByteBuffer buffer() { return segment().asByteBuffer(); }
      @Override public String toString() { return VineyardObject.describe(this); }
    };
  }

  @Override
  public void close() {
    arena.close();
  }
}
