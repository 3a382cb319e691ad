package io.heapwarden.agent.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The share of the bounds over an emergency, on a manual clock (nanoseconds). */
class EscalationTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long HOLD = 1000 * MS;

  private final Escalation escalation = new Escalation();
  private long now = 1_000 * MS;

  @Test
  void criticalStartsAtTrimToAndEachJudgedStepHalvesItDownToTheFloor() {
    assertThat(escalation.active()).isFalse();
    assertThat(escalation.start(25, now)).isEqualTo(25);

    // a collection right after the change does not judge it: the service had no time to shrink
    assertThat(escalation.judges(now + 10 * MS)).isFalse();
    assertThat(escalation.mayLower(10, now + 10 * MS)).isFalse();

    now += Escalation.SETTLE_NANOS;
    assertThat(escalation.judges(now)).isTrue();
    assertThat(escalation.mayLower(10, now)).isTrue();
    assertThat(escalation.lower(10, now)).isEqualTo(12);

    now += Escalation.SETTLE_NANOS;
    assertThat(escalation.lower(10, now)).as("half of 12 is below the floor").isEqualTo(10);
    now += Escalation.SETTLE_NANOS;
    assertThat(escalation.mayLower(10, now)).as("at the floor").isFalse();
    assertThat(escalation.lower(10, now)).isEqualTo(10);
  }

  @Test
  void normalAgainItComesBackUpTheSameStepsEachAfterTheHold() {
    escalation.start(25, now);
    escalation.lower(10, now += Escalation.SETTLE_NANOS); // 12
    escalation.lower(10, now += Escalation.SETTLE_NANOS); // 10
    long normalSince = now += 50 * MS;

    assertThat(escalation.raise(25, 10, HOLD, normalSince, now + HOLD - 1))
        .as("not normal for the hold yet")
        .isEqualTo(10);
    now = normalSince + HOLD;
    assertThat(escalation.raise(25, 10, HOLD, normalSince, now)).isEqualTo(12);
    assertThat(escalation.raise(25, 10, HOLD, normalSince, now + HOLD / 2)).isEqualTo(12);
    now += HOLD;
    assertThat(escalation.raise(25, 10, HOLD, normalSince, now)).isEqualTo(25);
    now += HOLD;
    assertThat(escalation.raise(25, 10, HOLD, normalSince, now)).isEqualTo(Escalation.NONE);
    assertThat(escalation.active()).isFalse();
  }

  @Test
  void anEmergencyThatNeverEscalatedEndsAfterTheHoldToo() {
    escalation.start(50, now);
    long normalSince = now + MS;
    assertThat(escalation.raise(50, 10, HOLD, normalSince, normalSince)).isEqualTo(50);
    assertThat(escalation.raise(50, 10, HOLD, normalSince, normalSince + HOLD))
        .isEqualTo(Escalation.NONE);
  }

  @Test
  void criticalAgainWhileComingBackUpKeepsTheLowerShareAndLowersFromThere() {
    escalation.start(40, now);
    escalation.lower(5, now += Escalation.SETTLE_NANOS); // 20
    now += HOLD;
    assertThat(escalation.raise(40, 5, HOLD, now - HOLD, now)).isEqualTo(40);

    assertThat(escalation.start(40, now += MS)).as("already at trim-to").isEqualTo(40);
    now += Escalation.SETTLE_NANOS;
    assertThat(escalation.lower(5, now)).isEqualTo(20);
    assertThat(escalation.lower(5, now += Escalation.SETTLE_NANOS)).isEqualTo(10);
    assertThat(escalation.lower(5, now += Escalation.SETTLE_NANOS)).isEqualTo(5);
  }

  @Test
  void timeCriticalAtTheFloorCountsOnlyWhileCriticalAtTheFloor() {
    escalation.start(20, now);
    assertThat(escalation.criticalAtFloor(true, 10, now)).as("above the floor").isZero();
    escalation.lower(10, now += Escalation.SETTLE_NANOS);
    long reached = now;
    assertThat(escalation.criticalAtFloor(true, 10, now)).isZero();
    assertThat(escalation.criticalAtFloor(true, 10, reached + 5 * HOLD)).isEqualTo(5 * HOLD);
    assertThat(escalation.criticalAtFloor(false, 10, reached + 6 * HOLD))
        .as("warn for a moment: the count starts again")
        .isZero();
    assertThat(escalation.criticalAtFloor(true, 10, reached + 7 * HOLD)).isZero();
    assertThat(escalation.criticalAtFloor(true, 10, reached + 8 * HOLD)).isEqualTo(HOLD);
  }

  @Test
  void ratiosAreSharesInPercentAndTheFloorIsNeverAboveTrimTo() {
    assertThat(Escalation.percent(0.25)).isEqualTo(25);
    assertThat(Escalation.percent(0.0)).isEqualTo(1);
    assertThat(Escalation.floor(0.10, 0.25)).isEqualTo(10);
    assertThat(Escalation.floor(0.50, 0.25)).isEqualTo(25);
  }
}
