package io.vineyard.plugin.pair.internal;

import io.vineyard.api.BlobWriter;
import io.vineyard.api.ObjectId;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.plugin.pair.Pair;
import io.vineyard.plugin.pair.PairObject;
import io.vineyard.plugin.pair.SequenceObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process stand-in for the client and server: Strings are put as {@code test::Scalar}
 * trees (nbytes = length), pairs and lists through the two plugins, and created trees are
 * validated, given IDs and kept, as the client and server do.
 */
final class FakeContexts implements PutContext, ResolveContext {
  static final String SCALAR = "test::Scalar";
  final PairPlugin pairs = new PairPlugin();
  final SequencePlugin sequences = new SequencePlugin();
  /** Every tree handed to {@link #create}, as the plugin built it. */
  final List<ObjectMeta> created = new ArrayList<>();
  final Map<ObjectId, ObjectMeta> store = new HashMap<>();
  private long next = 1;

  /** A scalar whose payload lives on instance 7, which resolves to null here (instance 0). */
  static VineyardObject remote(String value) {
    ObjectMeta m = ObjectMeta.builder(SCALAR).put("id", "o00000000000abcde").put("instance_id", 7L).put("value_", value)
        .nbytes(value.length()).build();
    return () -> m;
  }

  /** The tree last handed to {@link #create}. */
  ObjectMeta last() {
    return created.getLast();
  }

  private ObjectTypePlugin plugin(String typename) {
    return switch (typename) {
      case PairObject.TYPENAME -> pairs;
      case SequenceObject.TYPENAME -> sequences;
      default -> null;
    };
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
      case String s -> create(ObjectMeta.builder(SCALAR).put("value_", s).nbytes(s.length()).build());
      case Pair<?, ?> p -> pairs.put(p, this);
      case List<?> l -> sequences.put(l, this);
      case null -> throw new VineyardException.TypeError("cannot put null");
      default -> throw new VineyardException.TypeError("no object-type plugin can put a " + value.getClass().getName());
    };
  }

  @Override
  public ObjectMeta create(ObjectMeta meta) {
    created.add(meta);
    ObjectTypePlugin p = plugin(meta.typename());
    if (p != null) {
      p.validate(meta);
    }
    var tree = meta.tree();
    tree.put("id", ObjectId.of(next++).toString());
    tree.put("instance_id", 0L);
    tree.put("signature", next);
    ObjectMeta stored = ObjectMeta.of(tree);
    store.put(stored.id(), stored);
    return stored;
  }

  @Override
  public VineyardObject view(ObjectMeta member) {
    ObjectTypePlugin p = plugin(member.typename());
    return p != null ? p.view(member, this) : () -> member;
  }

  @Override
  public Object resolve(ObjectMeta member) {
    ObjectTypePlugin p = plugin(member.typename());
    if (p != null) {
      return p.resolve(member, this);
    }
    return member.instanceId() == 0 ? member.string("value_").orElseThrow() : null;
  }

  @Override public BlobWriter createBlob(long size) { throw new UnsupportedOperationException(); }
  @Override public ObjectMeta blobMeta(BlobWriter sealed) { throw new UnsupportedOperationException(); }
  @Override public io.vineyard.api.Blob blob(ObjectMeta blobMeta) { throw new UnsupportedOperationException(); }
}
