package io.vineyard.plugin.composite.internal;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import io.vineyard.plugin.composite.SequenceObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code vineyard::Sequence}: puts a {@link List} as {@code size_} = n and members {@code
 * __elements_-0} … {@code __elements_-(n-1)} ({@code nbytes} = their sum); views it as a {@link
 * SequenceObject}; resolves it to an unmodifiable list of the elements' values, with {@code null}
 * for an element whose payload lives on another instance.
 *
 * <p>Only lists are claimed: other collections have no order to keep (sets) or are not sequences
 * (maps). The tree also carries {@code __elements_-size} = n, which vineyard's Python and C++
 * readers use. Registered as a DS component and as a {@link java.util.ServiceLoader} provider;
 * stateless.
 */
@Component(
    service = ObjectTypePlugin.class,
    property = ObjectTypePlugin.TYPENAME_PROPERTY + "=" + SequenceObject.TYPENAME)
public final class SequencePlugin implements ObjectTypePlugin {
  static final String SIZE = "size_";
  static final String ELEMENTS_SIZE = "__elements_-size";

  /** For ServiceLoader and DS. */
  public SequencePlugin() {}

  static String element(int index) {
    return "__elements_-" + index;
  }

  @Override
  public String typename() {
    return SequenceObject.TYPENAME;
  }

  @Override
  public boolean canPut(Object value) {
    return value instanceof List<?>;
  }

  @Override
  public ObjectMeta put(Object value, PutContext ctx) {
    if (!(value instanceof List<?> list)) {
      throw new VineyardException.TypeError(
          SequenceObject.TYPENAME
              + " cannot put a "
              + (value == null ? "null" : value.getClass().getName())
              + " (it puts java.util.List)");
    }
    Object[] items =
        list.toArray(); // one snapshot: size_ and the members agree even if the list changes
    ObjectMeta.Builder tree = ObjectMeta.builder(SequenceObject.TYPENAME).put(SIZE, items.length);
    long nbytes = 0;
    for (int i = 0; i < items.length; i++) {
      ObjectMeta member = Members.put(ctx, items[i], SequenceObject.TYPENAME, element(i));
      tree.member(element(i), member);
      nbytes += member.nbytes();
    }
    return ctx.create(tree.put(ELEMENTS_SIZE, items.length).nbytes(nbytes).build());
  }

  @Override
  public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    int n = Members.count(meta, SIZE);
    // size_ comes from a tree anyone may have written: grow as members are found, not up front
    List<VineyardObject> views = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      views.add(ctx.view(Members.require(meta, element(i))));
    }
    return new SequenceView(meta, views);
  }

  @Override
  public Object resolve(ObjectMeta meta, ResolveContext ctx) {
    int n = Members.count(meta, SIZE);
    List<Object> values = new ArrayList<>(Math.min(n, 1024));
    for (int i = 0; i < n; i++) {
      values.add(ctx.resolve(Members.require(meta, element(i))));
    }
    // not List.copyOf: elements on another instance resolve to null
    return Collections.unmodifiableList(values);
  }

  @Override
  public void validate(ObjectMeta meta) {
    int n = Members.count(meta, SIZE);
    if (meta.has(ELEMENTS_SIZE) && Members.count(meta, ELEMENTS_SIZE) != n) {
      throw new VineyardException.Invalid(
          Members.describe(meta)
              + ": field '"
              + ELEMENTS_SIZE
              + "' ("
              + meta.json(ELEMENTS_SIZE).orElse("")
              + ") disagrees with '"
              + SIZE
              + "' ("
              + n
              + ")");
    }
    for (int i = 0; i < n; i++) {
      Members.require(meta, element(i));
    }
  }
}
