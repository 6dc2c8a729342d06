package io.vineyard.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vineyard.api.ObjectMeta;
import io.vineyard.api.VineyardObject;
import io.vineyard.api.spi.ObjectTypePlugin;
import io.vineyard.api.spi.PluginTable;
import io.vineyard.api.spi.PutContext;
import io.vineyard.api.spi.ResolveContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginTableTest {
  record Fake(String typename, Class<?> puts) implements ObjectTypePlugin {
    @Override
    public boolean canPut(Object value) {
      if (puts == Void.class) {
        throw new IllegalStateException("broken plugin");
      }
      return puts.isInstance(value);
    }

    @Override
    public ObjectMeta put(Object value, PutContext ctx) {
      throw new UnsupportedOperationException();
    }

    @Override
    public VineyardObject view(ObjectMeta meta, ResolveContext ctx) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object resolve(ObjectMeta meta, ResolveContext ctx) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void typenamesFindTheirFamily() {
    PluginTable t = new PluginTable();
    Fake array = new Fake("vineyard::Array", int[].class);
    Fake special = new Fake("vineyard::Array<special>", int[].class);
    t.add("vineyard::Array", 0, array);
    t.add("vineyard::Array<special>", 0, special);
    assertSame(array, t.forTypename("vineyard::Array<double>").orElseThrow());
    assertSame(array, t.forTypename("vineyard::Array").orElseThrow());
    assertSame(special, t.forTypename("vineyard::Array<special>").orElseThrow());
    assertTrue(t.forTypename("vineyard::ArrayX").isEmpty());
    assertTrue(t.forTypename("vineyard::Tensor<double>").isEmpty());
    assertTrue(t.forTypename("").isEmpty());
  }

  @Test
  void rankingThenArrivalDecides() {
    PluginTable t = new PluginTable();
    Fake first = new Fake("x::T", String.class);
    Fake second = new Fake("x::T", String.class);
    Fake ranked = new Fake("x::T", String.class);
    t.add("x::T", 0, first);
    t.add("x::T", 0, second);
    assertSame(first, t.forTypename("x::T").orElseThrow());
    assertSame(first, t.forValue("s").orElseThrow());
    t.add("x::T", 5, ranked);
    assertSame(ranked, t.forTypename("x::T").orElseThrow());
    t.remove(ranked);
    t.remove(first);
    assertSame(second, t.forValue("s").orElseThrow());
    assertEquals(List.of("x::T"), t.families());
  }

  @Test
  void aBrokenCanPutIsSkipped() {
    PluginTable t = new PluginTable();
    t.add("broken", 1, new Fake("broken", Void.class));
    Fake ok = new Fake("ok", String.class);
    t.add("ok", 0, ok);
    assertSame(ok, t.forValue("v").orElseThrow());
    assertTrue(t.forValue(42).isEmpty());
  }

  @Test
  void osgiRegistryKeysByTheServiceProperty() {
    OsgiPluginRegistry r = new OsgiPluginRegistry();
    Fake p = new Fake("vineyard::Blob", byte[].class);
    r.addPlugin(
        p, Map.of(ObjectTypePlugin.TYPENAME_PROPERTY, "vineyard::Blob", "service.ranking", 3));
    Fake unnamed = new Fake("x::Y", String.class);
    r.addPlugin(unnamed, Map.of());
    assertSame(p, r.forTypename("vineyard::Blob").orElseThrow());
    assertSame(unnamed, r.forTypename("x::Y<int>").orElseThrow());
    r.removePlugin(p);
    assertTrue(r.forTypename("vineyard::Blob").isEmpty());
  }
}
