package io.heapwarden.bootstrap.pressure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryPressureTest {
  @AfterEach
  void calm() {
    MemoryPressure.endEmergency();
  }

  @Test
  void boundsAreUnchangedOutsideAnEmergency() {
    assertEquals(500, MemoryPressure.scaled(500));
    assertEquals(Long.MAX_VALUE, MemoryPressure.scaled(Long.MAX_VALUE));
    assertEquals(MemoryPressure.NO_IDLE_OVERRIDE, MemoryPressure.idleTimeoutNanos());
  }

  @Test
  void anEmergencyScalesBoundsAndShortensIdleTimeUntilItEnds() {
    MemoryPressure.enterEmergency(50, 60_000_000_000L);
    assertEquals(250, MemoryPressure.scaled(500));
    assertEquals(0, MemoryPressure.scaled(1));
    assertEquals(
        (Long.MAX_VALUE - 1) / 2, MemoryPressure.scaled(Long.MAX_VALUE - 1), "no overflow");
    assertEquals(
        Long.MAX_VALUE, MemoryPressure.scaled(Long.MAX_VALUE), "unbounded stays unbounded");
    assertEquals(60_000_000_000L, MemoryPressure.idleTimeoutNanos());
    MemoryPressure.endEmergency();
    assertEquals(500, MemoryPressure.scaled(500));
  }

  @Test
  void rejectsAShareOutsideZeroToHundred() {
    assertThrows(IllegalArgumentException.class, () -> MemoryPressure.enterEmergency(101, 1));
    assertThrows(IllegalArgumentException.class, () -> MemoryPressure.enterEmergency(50, 0));
  }
}
