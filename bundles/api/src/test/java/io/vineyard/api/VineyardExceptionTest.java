package io.vineyard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class VineyardExceptionTest {
  @Test
  void codesWithASubclassGetIt() {
    VineyardException e = VineyardException.of(12, "no o1");
    assertInstanceOf(VineyardException.ObjectNotExists.class, e);
    assertEquals("no o1", e.getMessage());
    assertInstanceOf(VineyardException.NotEnoughMemory.class, VineyardException.of(41, "full"));
  }

  @Test
  void otherCodesArePlainAndKeepTheirCode() {
    VineyardException e = VineyardException.of(35, "etcd down");
    assertSame(VineyardException.class, e.getClass());
    assertEquals(ErrorCode.ETCD_ERROR, e.code());
    assertEquals(ErrorCode.UNKNOWN_ERROR, VineyardException.of(999, "?").code());
    assertInstanceOf(VineyardException.UnknownError.class, VineyardException.of(0, "odd"));
    assertEquals("Object not exists", ErrorCode.of(12).text());
  }
}
