package io.vineyard.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vineyard.protocol.Command;
import org.junit.jupiter.api.Test;

class RequestMetricsTest {
  @Test
  void countsErrorsAndLatencyBuckets() {
    RequestMetrics m = new RequestMetrics();
    int seal = Command.SEAL.ordinal();
    m.record(seal, 5_000, false); // 5 µs: the first bucket (≤ 10 µs)
    m.record(seal, 10_000, false); // 10 µs: still the first (bounds are inclusive)
    m.record(seal, 150_000, true); // 150 µs: ≤ 200 µs
    m.record(seal, 60_000_000_000L, false); // a minute: beyond the last bound
    RequestMetrics.PerCommand s = m.of(Command.SEAL);
    assertEquals(4, s.count.sum());
    assertEquals(1, s.errors.sum());
    long[] expected = new long[RequestMetrics.BOUNDS_MICROS.length + 1];
    expected[0] = 2;
    expected[4] = 1;
    expected[expected.length - 1] = 1;
    assertArrayEquals(expected, s.bucketCounts());
    assertEquals(10, s.quantileMicros(0.5));
    assertEquals(200, s.quantileMicros(0.75));
    assertEquals(-1, s.quantileMicros(0.99));
    assertEquals(0, m.of(Command.GET_DATA).count.sum());
    assertEquals(0, m.of(Command.GET_DATA).quantileMicros(0.5));
  }
}
