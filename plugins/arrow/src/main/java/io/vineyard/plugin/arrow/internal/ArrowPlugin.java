package io.vineyard.plugin.arrow.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.plugin.arrow.ArrowObject;
import io.vineyard.plugin.arrow.ArrowTable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The Arrow object types, one plugin per typename family (the registries key plugins by family);
 * the subclasses only name their family. Puts {@link VectorSchemaRoot}s, {@link ArrowTable}s and
 * single {@link FieldVector}s; resolves to vectors over the mapped blobs, or null when a payload
 * lives on another instance. Stateless: each get makes its own Arrow allocator.
 */
public abstract class ArrowPlugin implements ObjectTypePlugin {
  private final String family;

  ArrowPlugin(String family) {
    this.family = family;
  }

  @Override
  public String typename() {
    return family;
  }

  /** The family a value is put under, or null when no Arrow plugin puts it. */
  static String familyOf(Object value) {
    return switch (value) {
      case VectorSchemaRoot r -> Typenames.RECORD_BATCH;
      case ArrowTable t -> Typenames.TABLE;
      case FieldVector v ->
          ArrayWriter.typename(v).map(io.vineyard.api.spi.PluginTable::family).orElse(null);
      case null, default -> null;
    };
  }

  @Override
  public boolean canPut(Object value) {
    return family.equals(familyOf(value));
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    BufferSink sink = new BufferSink(ctx);
    return switch (value) {
      case VectorSchemaRoot r when canPut(r) -> Batches.putBatch(r, sink);
      case ArrowTable t when canPut(t) -> Batches.putTable(t, sink);
      case FieldVector v when canPut(v) -> ArrayWriter.put(v, sink);
      default ->
          throw new VineyardException.TypeError(
              family
                  + " cannot put "
                  + (value == null ? "null" : "a " + value.getClass().getName()));
    };
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    long length =
        switch (meta.typename()) {
          case Typenames.RECORD_BATCH -> Trees.count(meta, "row_num_");
          case Typenames.TABLE -> Trees.count(meta, "num_rows_");
          case Typenames.SCHEMA -> 0;
          default -> Trees.count(meta, "length_");
        };
    return new View(meta, length);
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    if (meta.typename().equals(Typenames.SCHEMA)) {
      try {
        return Schemas.read(meta, ctx);
      } catch (ArrayLoader.RemotePayload e) {
        return null;
      }
    }
    BufferAllocator allocator = Batches.newAllocator();
    ArrayLoader loader = new ArrayLoader(ctx, allocator);
    try {
      return switch (meta.typename()) {
        case Typenames.RECORD_BATCH -> Batches.loadBatch(meta, loader, ctx);
        case Typenames.TABLE -> Batches.loadTable(meta, loader, ctx);
        default -> loader.load(meta, ArrayLoader.fieldOf(meta));
      };
    } catch (ArrayLoader.RemotePayload e) {
      return null;
    }
  }

  @Override
  public void validate(ObjectMeta meta) {
    switch (meta.typename()) {
      case Typenames.RECORD_BATCH -> {
        Trees.count(meta, "row_num_");
        Trees.member(meta, "schema_");
      }
      case Typenames.TABLE -> Trees.member(meta, "schema_");
      case Typenames.SCHEMA -> {}
      default -> {
        Trees.count(meta, "length_");
        ArrayLoader.fieldOf(meta);
      }
    }
  }

  @Override
  public String toString() {
    return "ArrowPlugin<" + family + ">";
  }

  /** The typed view: metadata and a length. */
  private record View(ObjectMeta meta, long length) implements ArrowObject {
    @Override
    public String toString() {
      return VineyardObject.describe(this);
    }
  }
}
