package io.vineyard.api.spi;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A thread-safe table of plugins keyed by typename family: the registry behind both {@link
 * PluginRegistry#serviceLoader} and the OSGi whiteboard registry.
 *
 * <p>Lookups read an immutable snapshot (no lock); changes replace it. When several plugins claim
 * one family, the highest ranking wins, then the one added first.
 */
public class PluginTable implements PluginRegistry {
  private static final System.Logger LOG = System.getLogger(PluginTable.class.getName());
  private static final Comparator<Entry> ORDER =
      Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::order);

  private volatile List<Entry> entries = List.of();
  private long added;

  /** One plugin under its family key. */
  record Entry(String family, int ranking, long order, ObjectTypePlugin plugin) {}

  /** A table of the ServiceLoader providers visible to {@code loader}. */
  public static PluginTable fromServiceLoader(ClassLoader loader) {
    PluginTable table = new PluginTable();
    ServiceLoader.load(ObjectTypePlugin.class, loader).stream()
        .forEach(
            provider -> {
              try {
                ObjectTypePlugin p = provider.get();
                table.add(p.typename(), 0, p);
              } catch (ServiceConfigurationError | RuntimeException e) {
                LOG.log(
                    Level.WARNING,
                    "skipping object-type plugin " + provider.type().getName() + ": " + e,
                    e);
              }
            });
    return table;
  }

  /** Adds a plugin for a family (normally {@code plugin.typename()}). */
  public synchronized void add(String family, int ranking, ObjectTypePlugin plugin) {
    List<Entry> next = new ArrayList<>(entries);
    next.add(new Entry(family, ranking, added++, plugin));
    next.sort(ORDER);
    entries = List.copyOf(next);
  }

  /** Removes a plugin (by identity); absent plugins are ignored. */
  public synchronized void remove(ObjectTypePlugin plugin) {
    entries = entries.stream().filter(e -> e.plugin() != plugin).toList();
  }

  @Override
  public Optional<ObjectTypePlugin> forTypename(String fullTypename) {
    if (fullTypename == null || fullTypename.isEmpty()) {
      return Optional.empty();
    }
    String family = family(fullTypename);
    List<Entry> snapshot = entries;
    for (Entry e : snapshot) {
      if (e.family().equals(fullTypename)) {
        return Optional.of(e.plugin());
      }
    }
    for (Entry e : snapshot) {
      if (e.family().equals(family)) {
        return Optional.of(e.plugin());
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<ObjectTypePlugin> forValue(Object value) {
    for (Entry e : entries) {
      try {
        if (e.plugin().canPut(value)) {
          return Optional.of(e.plugin());
        }
      } catch (RuntimeException ex) {
        LOG.log(Level.WARNING, "object-type plugin " + e.family() + " failed in canPut: " + ex, ex);
      }
    }
    return Optional.empty();
  }

  /**
   * The family of a full typename: {@code vineyard::Array<double>} is in {@code vineyard::Array}.
   */
  public static String family(String typename) {
    int angle = typename.indexOf('<');
    return angle < 0 ? typename : typename.substring(0, angle);
  }

  @Override
  public List<String> families() {
    return entries.stream().map(Entry::family).distinct().sorted().toList();
  }
}
