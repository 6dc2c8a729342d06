package io.vineyard.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SizesTest {

  @Test
  void parsesBinaryUnits() {
    assertEquals(2L << 30, Sizes.parse("2G"));
    assertEquals(512L << 20, Sizes.parse("512M"));
    assertEquals(1024, Sizes.parse("1024"));
    assertEquals(1610612736L, Sizes.parse("1.5GiB"));
    assertEquals(64 << 10, Sizes.parse("64k"));
    assertEquals(3L << 40, Sizes.parse(" 3 TB "));
    assertEquals(100, Sizes.parse("100b"));
    assertEquals(1 << 20, Sizes.parse("1Mi"));
    assertEquals(1, Sizes.parse("1.9"), "fractions of a byte are dropped");
  }

  @Test
  void rejectsWhatIsNotASizeNamingTheText() {
    for (String bad : new String[] {"", "G", "-1G", "2X", "1.G", "2 GG", "9999999P"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sizes.parse(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Sizes.parse(null));
  }

  @Test
  void formatsInTheLargestUnitAndParsesBack() {
    assertEquals("0 B", Sizes.format(0));
    assertEquals("1023 B", Sizes.format(1023));
    assertEquals("64 KiB", Sizes.format(64 << 10));
    assertEquals("1.5 GiB", Sizes.format(1610612736L));
    assertEquals("2 GiB", Sizes.format(2L << 30));
    assertEquals("8 EiB", Sizes.format(Long.MAX_VALUE));
    assertEquals("-2 MiB", Sizes.format(-(2 << 20)));
    assertEquals(1610612736L, Sizes.parse(Sizes.format(1610612736L)));
  }
}
