package io.vineyard.plugin.composite.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.plugin.composite.Pair;
import io.vineyard.plugin.composite.PairObject;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::Pair}: puts a {@link Pair} as members {@code first_} and {@code second_} ({@code
 * nbytes} = their sum); views it as a {@link PairObject}; resolves it to a {@link Pair} of the
 * members' values, {@code null} for a member whose payload lives on another instance.
 *
 * <p>Registered as a DS component and as a {@link java.util.ServiceLoader} provider; stateless.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + PairObject.TYPENAME)
public final class PairPlugin implements ObjectTypePlugin {
  static final String FIRST = "first_";
  static final String SECOND = "second_";

  /** For ServiceLoader and DS. */
  public PairPlugin() {}

  @Override
  public String typename() {
    return PairObject.TYPENAME;
  }

  @Override
  public boolean canPut(Object value) {
    return value instanceof Pair<?, ?>;
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    if (!(value instanceof Pair<?, ?> pair)) {
      throw new VineyardException.TypeError(
          PairObject.TYPENAME
              + " cannot put a "
              + (value == null ? "null" : value.getClass().getName())
              + " (it puts "
              + Pair.class.getName()
              + ")");
    }
    ObjectMeta first = Members.put(ctx, pair.first(), PairObject.TYPENAME, FIRST);
    ObjectMeta second = Members.put(ctx, pair.second(), PairObject.TYPENAME, SECOND);
    return ctx.create(
        ObjectMeta.builder(PairObject.TYPENAME)
            .member(FIRST, first)
            .member(SECOND, second)
            .nbytes(first.nbytes() + second.nbytes())
            .build());
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    return new PairView(
        meta, ctx.view(Members.require(meta, FIRST)), ctx.view(Members.require(meta, SECOND)));
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    return Pair.of(
        ctx.resolve(Members.require(meta, FIRST)), ctx.resolve(Members.require(meta, SECOND)));
  }

  @Override
  public void validate(ObjectMeta meta) {
    Members.require(meta, FIRST);
    Members.require(meta, SECOND);
  }
}
