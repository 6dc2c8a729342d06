package io.vineyard.settings;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  @Test
  void pollsUntilTheConditionHolds() {
    AtomicInteger calls = new AtomicInteger();
    assertTrue(
        Deadline.in(Duration.ofSeconds(5))
            .poll(Duration.ofMillis(1), () -> calls.incrementAndGet() >= 3));
  }

  @Test
  void givesUpWhenThePointPasses() {
    Deadline d = Deadline.in(Duration.ofMillis(30));
    assertFalse(d.poll(Duration.ofMillis(5), () -> false));
    assertTrue(d.passed());
    assertTrue(d.left().isZero());
  }

  @Test
  void anInterruptEndsTheWaitAndStays() {
    Thread.currentThread().interrupt();
    assertFalse(Deadline.in(Duration.ofSeconds(5)).poll(Duration.ofMillis(10), () -> false));
    assertTrue(Thread.interrupted());
  }
}
