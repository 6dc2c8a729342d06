package io.vineyard.plugin.stream.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardException;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the stream plugins share: a stream's tree is its typename and {@code params_}, a JSON text
 * of an object (vineyard's Python client writes {@code json.dumps(params)}; a JSON object given as
 * it is is taken too). A stream is not put from a Java value: {@code createStream} makes it. Its
 * view and its Java value are a {@link StreamView}. Stateless.
 */
abstract class StreamPlugin implements ObjectTypePlugin {
  static final String PARAMS = "params_";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String typename;

  StreamPlugin(String typename) {
    this.typename = typename;
  }

  @Override
  public final String typename() {
    return typename;
  }

  @Override
  public final boolean canPut(Object value) {
    return false;
  }

  @Override
  public final ObjectMeta put(Object value, PutContext ctx) {
    throw new VineyardException.TypeError(
        typename + " is not put from a value: create it with VineyardClient.createStream");
  }

  @Override
  public final VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
    return new StreamView(meta, params(meta));
  }

  @Override
  public final Object resolve(ObjectMeta meta, ResolveContext ctx) {
    return view(meta, ctx);
  }

  @Override
  public final void validate(ObjectMeta meta) {
    params(meta);
  }

  /** The parameters of a stream's tree. */
  static Map<String, Object> params(ObjectMeta meta) {
    Object v = meta.value(PARAMS).orElse(null);
    if (v == null) {
      return Map.of();
    }
    if (v instanceof String text) {
      try {
        v = JSON.readValue(text, Object.class);
      } catch (JsonProcessingException e) {
        throw invalid(meta, "holds no JSON text (" + e.getOriginalMessage() + ")");
      }
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw invalid(
          meta, "must be a JSON object (or its text), got " + meta.json(PARAMS).orElse(""));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, x) -> out.put(String.valueOf(k), x));
    return Map.copyOf(out);
  }

  private static VineyardException invalid(ObjectMeta meta, String why) {
    return new VineyardException.Invalid(meta.typename() + ": field '" + PARAMS + "' " + why);
  }
}
