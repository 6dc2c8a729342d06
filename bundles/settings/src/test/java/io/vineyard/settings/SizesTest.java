package io.vineyard.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {
  @ParameterizedTest
  @CsvSource({
    "4096, 4096",
    "100B, 100",
    "100b, 100",
    "1k, 1024",
    "1K, 1024",
    "1KB, 1024",
    "1KiB, 1024",
    "1Mi, 1048576",
    "512M, 536870912",
    "512MiB, 536870912",
    "2G, 2147483648",
    "2g, 2147483648",
    "2GB, 2147483648",
    "1.5GiB, 1610612736",
    "1.5G, 1610612736",
    "' 64M ', 67108864",
    "64 M, 67108864",
    "1T, 1099511627776",
    "' 3 TB ', 3298534883328"
  })
  void parsesSizes(String text, long bytes) {
    assertEquals(bytes, Sizes.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "G",
        "-1G",
        "0",
        "0.0001K",
        "1.5",
        "12X",
        "2 GiBs",
        "1e9",
        "9999999P",
        "1.G",
        "2 GG"
      })
  void rejectsNonSizesQuotingThem(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }

  @Test
  void nullIsNoSize() {
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse(null));
  }

  @Test
  void formatsForMessages() {
    assertEquals("0 B", Sizes.format(0));
    assertEquals("1023 B", Sizes.format(1023));
    assertEquals("64 KiB", Sizes.format(64 << 10));
    assertEquals("1.5 GiB", Sizes.format(1610612736L));
    assertEquals("2 GiB", Sizes.format(2L << 30));
    assertEquals("8 EiB", Sizes.format(Long.MAX_VALUE));
    assertEquals("-2 MiB", Sizes.format(-(2 << 20)));
    assertEquals(1610612736L, Sizes.parse(Sizes.format(1610612736L)));
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0B",
    "1023, 1023B",
    "1024, 1KiB",
    "67108864, 64MiB",
    "2147483648, 2GiB",
    "1610612736, 1.5GiB",
    "1100000000, 1GiB",
    "1099511627776, 1TiB"
  })
  void formatsAsFlags(long bytes, String text) {
    assertEquals(text, Sizes.formatFlag(bytes));
  }

  @Test
  void flagsParseBack() {
    for (String text : new String[] {"64MiB", "1.5GiB", "2GiB", "7KiB"}) {
      assertEquals(text, Sizes.formatFlag(Sizes.parse(text)));
    }
  }
}
