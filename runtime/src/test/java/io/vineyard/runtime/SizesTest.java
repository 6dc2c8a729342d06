package io.vineyard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {
    @ParameterizedTest
    @CsvSource({
        "4096, 4096", "100B, 100", "1k, 1024", "1K, 1024", "1KB, 1024", "1KiB, 1024",
        "512M, 536870912", "512MiB, 536870912", "2G, 2147483648", "2g, 2147483648", "2GB, 2147483648",
        "1.5GiB, 1610612736", "1.5G, 1610612736", "' 64M ', 67108864", "64 M, 67108864", "1T, 1099511627776"
    })
    void parsesSizes(String text, long bytes) {
        assertEquals(bytes, Sizes.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "G", "-1G", "0", "0.0001K", "1.5", "12X", "2 GiBs", "1e9", "9999999P"})
    void rejectsNonSizes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text));
        assertEquals(true, e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse(null));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0B", "1023, 1023B", "1024, 1KiB", "67108864, 64MiB", "2147483648, 2GiB", "1610612736, 1.5GiB",
        "1100000000, 1GiB", "1099511627776, 1TiB"
    })
    void formatsSizes(long bytes, String text) {
        assertEquals(text, Sizes.format(bytes));
    }

    @Test
    void formatsWhatItParsesBack() {
        for (String text : new String[] {"64MiB", "1.5GiB", "2GiB", "7KiB"}) {
            assertEquals(text, Sizes.format(Sizes.parse(text)));
        }
    }
}
