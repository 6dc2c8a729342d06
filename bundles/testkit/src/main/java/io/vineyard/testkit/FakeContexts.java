package io.vineyard.testkit;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-process stand-in for the client and server, for plugin unit tests.
 *
 * <ul>
 *   <li>Blobs are native memory of one confined arena (freed on {@link #close()}); a blob this fake
 *       did not create is "on another instance": metadata only, its segment throws {@link
 *       VineyardException.ObjectNotExists}.
 *   <li>Created trees are recorded ({@link #created()}), checked by the plugin of their family if
 *       one was given, given {@code id}, {@code instance_id} 0 and a {@code signature}, and kept,
 *       as the client and server do.
 *   <li>Members: an {@link ObjectId} refers to a kept tree, a {@link VineyardObject} to its
 *       metadata, a {@code String} becomes a {@value #SCALAR} tree (nbytes = length, the value in
 *       {@code value_}), anything else goes to the first plugin given that can put it. Members are
 *       viewed and resolved through the plugin of their family; a scalar resolves to its value, or
 *       to null when it lives on another instance ({@link #remoteScalar}).
 * </ul>
 */
public final class FakeContexts implements PutContext, ResolveContext, AutoCloseable {
  /** The typename of the fake's scalar members: Strings, with {@code value_} and {@code nbytes}. */
  public static final String SCALAR = "test::Scalar";

  private final List<ObjectTypePlugin> plugins;
  private final Arena arena = Arena.ofConfined();
  private final Map<ObjectId, MemorySegment> sealed = new HashMap<>();
  private final List<ObjectMeta> created = new ArrayList<>();
  private final Map<ObjectId, ObjectMeta> store = new HashMap<>();
  private int dropped;
  private boolean shortSegments;
  private long nextBlob = ObjectId.BLOB_BIT | 1;
  private long nextObject = 1;

  /** Contexts for the given plugins: they check created trees, put members and resolve them. */
  public FakeContexts(ObjectTypePlugin... plugins) {
    this.plugins = List.of(plugins);
  }

  /** A scalar whose payload lives on instance 7, which resolves to null here (instance 0). */
  public static VineyardObject remoteScalar(String value) {
    ObjectMeta m =
        ObjectMeta.builder(SCALAR)
            .put("id", "o00000000000abcde")
            .put("instance_id", 7L)
            .put("value_", value)
            .nbytes(value.length())
            .build();
    return () -> m;
  }

  /** The payloads of the blobs sealed so far, read-only, by ID. */
  public Map<ObjectId, MemorySegment> sealed() {
    return Collections.unmodifiableMap(sealed);
  }

  /** How many blobs were closed before they were sealed (dropped by a failed put). */
  public int dropped() {
    return dropped;
  }

  /**
   * From now on, hands out writers whose segment is one byte short, so that a put fails mid-copy.
   */
  public FakeContexts shortSegments(boolean on) {
    shortSegments = on;
    return this;
  }

  /** Every tree handed to {@link #create}, as the plugin built it, in order. */
  public List<ObjectMeta> created() {
    return Collections.unmodifiableList(created);
  }

  /** The tree last handed to {@link #create}. */
  public ObjectMeta last() {
    return created.getLast();
  }

  private Optional<ObjectTypePlugin> plugin(String typename) {
    return plugins.stream()
        .filter(p -> ObjectTypePlugin.inFamily(typename, p.typename()))
        .findFirst();
  }

  @Override
  public BlobWriter createBlob(long size) {
    ObjectId id = size == 0 ? ObjectId.EMPTY_BLOB : ObjectId.of(nextBlob++);
    MemorySegment segment =
        arena.allocate(Math.max(size, 1)).asSlice(0, shortSegments ? size - 1 : size);
    return new BlobWriter() {
      boolean done;
      long length = size;
      MemorySegment bytes = segment;

      @Override
      public ObjectId id() {
        return id;
      }

      @Override
      public long size() {
        return length;
      }

      @Override
      public MemorySegment segment() {
        return bytes;
      }

      @Override
      public void shrink(long newSize) {
        if (done) {
          throw new VineyardException.ObjectSealed(id + " is sealed or dropped");
        }
        if (newSize < 0 || newSize > length) {
          throw new VineyardException.Invalid(
              "cannot shrink " + id + " of " + length + " bytes to " + newSize);
        }
        length = newSize;
        bytes = bytes.asSlice(0, Math.min(newSize, bytes.byteSize()));
      }

      @Override
      public ObjectId seal() {
        if (done) {
          throw new VineyardException.ObjectSealed(id + " already sealed");
        }
        done = true;
        sealed.put(id, bytes.asReadOnly());
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
    return ObjectMeta.builder("vineyard::Blob")
        .put("id", w.id().toString())
        .put("length", w.size())
        .nbytes(w.size())
        .put("instance_id", 0L)
        .build();
  }

  @Override
  public ObjectMeta putMember(Object value) {
    return switch (value) {
      case ObjectId id -> {
        ObjectMeta m = store.get(id);
        if (m == null) {
          throw new VineyardException.ObjectNotExists("object " + id + " does not exist");
        }
        yield m;
      }
      case VineyardObject o -> o.meta();
      case String s ->
          create(ObjectMeta.builder(SCALAR).put("value_", s).nbytes(s.length()).build());
      case null -> throw new VineyardException.TypeError("cannot put null");
      default ->
          plugins.stream()
              .filter(p -> p.canPut(value))
              .findFirst()
              .orElseThrow(
                  () ->
                      new VineyardException.TypeError(
                          "no object-type plugin can put a " + value.getClass().getName()))
              .put(value, this);
    };
  }

  @Override
  public ObjectMeta create(ObjectMeta meta) {
    created.add(meta);
    plugin(meta.typename()).ifPresent(p -> p.validate(meta));
    ObjectMeta stored =
        meta.toBuilder()
            .id(ObjectId.of(nextObject++))
            .instanceId(0)
            .put("signature", nextObject)
            .build();
    store.put(stored.id(), stored);
    return stored;
  }

  @Override
  public VineyardObject view(ObjectMeta member) {
    return plugin(member.typename())
        .<VineyardObject>map(p -> p.view(member, this))
        .orElse(() -> member);
  }

  @Override
  public Object resolve(ObjectMeta member) {
    Optional<ObjectTypePlugin> p = plugin(member.typename());
    if (p.isPresent()) {
      return p.get().resolve(member, this);
    }
    if (!member.typename().equals(SCALAR)) {
      throw new UnsupportedOperationException("no plugin given for " + member.typename());
    }
    return member.instanceId() == 0 ? member.string("value_").orElseThrow() : null;
  }

  @Override
  public Blob blob(ObjectMeta meta) {
    MemorySegment s = sealed.get(meta.id());
    long size = meta.number("length").orElse(0L);
    return new Blob() {
      @Override
      public ObjectMeta meta() {
        return meta;
      }

      @Override
      public long size() {
        return size;
      }

      @Override
      public boolean isLocal() {
        return s != null;
      }

      @Override
      public MemorySegment segment() {
        if (s == null) {
          throw new VineyardException.ObjectNotExists(
              "blob " + meta.id() + " lives on another instance");
        }
        return s;
      }

      @Override
      public ByteBuffer buffer() {
        return segment().asByteBuffer();
      }

      @Override
      public String toString() {
        return VineyardObject.describe(this);
      }
    };
  }

  /** Frees the blobs' memory. */
  @Override
  public void close() {
    arena.close();
  }
}
