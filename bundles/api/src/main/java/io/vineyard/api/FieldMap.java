package io.vineyard.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The entries of one {@link ObjectMeta}: an immutable map in insertion order kept in two arrays.
 *
 * <p>An instance holds every tree it stores for as long as the objects live, a million of them and
 * more, each a handful of fields: a {@link java.util.LinkedHashMap} costs an entry object per field
 * plus its table, these arrays a slot. Measured in a runtime holding 100k pairs of two blobs (three
 * trees each, class histogram after a full GC): about 1.8 KB of heap per pair with LinkedHashMaps,
 * about 770 B with these arrays. Lookups scan the keys (field names are few, and mostly the same
 * interned strings); a map of many fields (a sequence's members) also gets a hash index. Null
 * values are allowed, as JSON has them.
 */
final class FieldMap extends AbstractMap<String, Object> {
  /** Above this many fields a lookup goes through a hash index instead of a scan. */
  private static final int SCAN_LIMIT = 12;

  private final String[] keys;
  private final Object[] values;
  private final Map<String, Integer> index;

  /** A copy of {@code entries}, in their iteration order. */
  FieldMap(Map<String, Object> entries) {
    int n = entries.size();
    keys = new String[n];
    values = new Object[n];
    int i = 0;
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      keys[i] = e.getKey();
      values[i] = e.getValue();
      i++;
    }
    if (n > SCAN_LIMIT) {
      index = HashMap.newHashMap(n);
      for (int k = 0; k < n; k++) {
        index.put(keys[k], k);
      }
    } else {
      index = null;
    }
  }

  private int find(Object key) {
    if (index != null) {
      Integer k = index.get(key);
      return k == null ? -1 : k;
    }
    for (int k = 0; k < keys.length; k++) {
      if (keys[k] == key) {
        return k;
      }
    }
    for (int k = 0; k < keys.length; k++) {
      if (keys[k].equals(key)) {
        return k;
      }
    }
    return -1;
  }

  @Override
  public Object get(Object key) {
    int k = find(key);
    return k < 0 ? null : values[k];
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int k = 0; k < keys.length; k++) {
      action.accept(keys[k], values[k]);
    }
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int k = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[k], values[k]);
          }
        };
      }
    };
  }
}
