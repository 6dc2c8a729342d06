package io.vineyard.runtime.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The framework properties that carry Config Admin configurations from the launcher into the
 * framework, without the launcher ever loading a Config Admin class.
 *
 * <p>Each value is a framework property {@code vineyard.config.<pid>.<key>=<value>}, e.g. {@code
 * vineyard.config.io.vineyard.store.size=2147483648}. Since PIDs and keys both contain dots, the
 * launcher also sets {@value #PIDS} to the comma-separated PIDs, and a property belongs to the
 * longest PID it starts with. Values are strings; Declarative Services converts them to the types
 * of a component's configuration annotation.
 *
 * <p>This class uses no OSGi type: the launcher (class path) and {@link ConfigBridge} (inside the
 * framework) share the format, not the classes.
 */
public final class ConfigProperties {
  /** The prefix of every configuration property. */
  public static final String PREFIX = "vineyard.config.";

  /** The property listing the PIDs, comma-separated. */
  public static final String PIDS = PREFIX + "pids";

  private ConfigProperties() {}

  /**
   * Encodes configurations as framework properties.
   *
   * @param configs PID to (key to value); iteration order is kept
   * @return the framework properties, {@value #PIDS} included
   */
  public static Map<String, String> encode(Map<String, Map<String, String>> configs) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(PIDS, String.join(",", configs.keySet()));
    configs.forEach(
        (pid, values) ->
            values.forEach((key, value) -> properties.put(PREFIX + pid + "." + key, value)));
    return properties;
  }

  /**
   * Decodes configurations from framework properties; properties without the prefix are ignored.
   *
   * @param properties all framework properties
   * @return PID to (key to value), sorted; every listed PID is present, maybe with no keys
   * @throws IllegalArgumentException naming a {@code vineyard.config.*} property that belongs to no
   *     listed PID
   */
  public static Map<String, Map<String, String>> decode(Map<String, ?> properties) {
    Object listed = properties.get(PIDS);
    List<String> pids =
        listed == null
            ? List.of()
            : Arrays.stream(listed.toString().split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    Map<String, Map<String, String>> configs = new TreeMap<>();
    pids.forEach(pid -> configs.put(pid, new TreeMap<>()));
    properties.forEach(
        (name, value) -> {
          if (!name.startsWith(PREFIX) || name.equals(PIDS)) {
            return;
          }
          String rest = name.substring(PREFIX.length());
          String pid =
              pids.stream()
                  .filter(p -> rest.startsWith(p + ".") && rest.length() > p.length() + 1)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "framework property "
                                  + name
                                  + " names no PID listed in "
                                  + PIDS
                                  + " "
                                  + pids));
          configs.get(pid).put(rest.substring(pid.length() + 1), String.valueOf(value));
        });
    return configs;
  }
}
