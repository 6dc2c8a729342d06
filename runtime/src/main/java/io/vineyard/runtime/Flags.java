package io.vineyard.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Level;
import picocli.CommandLine;

/** How {@link Main}'s flags are read and its version told. */
final class Flags {
  private Flags() {}

  /** Reads {@code --size}. */
  static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Sizes.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads {@code --bind}: {@code ADDR} or {@code ADDR:PORT}. */
  static final class BindConverter implements CommandLine.ITypeConverter<Cluster.Address> {
    @Override
    public Cluster.Address convert(String value) {
      return checked(() -> Cluster.Address.parse(value, "--bind"));
    }
  }

  /** Reads {@code --commit-timeout}. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return checked(() -> Cluster.parseDuration(value));
    }
  }

  private static <T> T checked(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /** Reads {@code --log-level}. */
  static final class LevelConverter implements CommandLine.ITypeConverter<Level> {
    @Override
    public Level convert(String value) {
      try {
        return RuntimeLogging.parseLevel(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown level '" + value + "' (ERROR, WARN, INFO, DEBUG, TRACE)");
      }
    }
  }

  /** Prints the version this jar was built as. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      try (InputStream in = Main.class.getResourceAsStream("version.txt")) {
        return new String[] {
          "vineyardd "
              + (in == null
                  ? "(unknown version)"
                  : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
        };
      }
    }
  }
}
