package io.vineyard.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** Reads {@code --log-level}. */
    static final class LevelConverter implements CommandLine.ITypeConverter<Level> {
        @Override
        public Level convert(String value) {
            try {
                return RuntimeLogging.parseLevel(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown level '" + value + "' (ERROR, WARN, INFO, DEBUG, TRACE)");
            }
        }
    }

    /** Prints the version this jar was built as. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = Main.class.getResourceAsStream("version.txt")) {
                return new String[] {"vineyardd " + (in == null ? "(unknown version)" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())};
            }
        }
    }
}
