package io.heapwarden.agent.pressure;

import static io.heapwarden.agent.pressure.PressureLevel.CRITICAL;
import static io.heapwarden.agent.pressure.PressureLevel.NORMAL;
import static io.heapwarden.agent.pressure.PressureLevel.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelTrackerTest {
  private final LevelTracker tracker = new LevelTracker();

  private List<PressureLevel> feed(double... readings) {
    List<PressureLevel> levels = new ArrayList<>();
    for (double reading : readings) {
      levels.add(tracker.update(reading, 0.75, 0.90));
    }
    return levels;
  }

  @Test
  void levelsAreEnteredAtTheirThresholds() {
    assertThat(feed(0.10, 0.75, 0.89, 0.90, 1.0))
        .containsExactly(NORMAL, WARN, WARN, CRITICAL, CRITICAL);
  }

  @Test
  void aReadingHoveringAtAThresholdDoesNotFlap() {
    assertThat(feed(0.91, 0.89, 0.91, 0.86, 0.855, 0.84, 0.76, 0.74, 0.71, 0.705, 0.69))
        .containsExactly(
            CRITICAL, CRITICAL, CRITICAL, CRITICAL, CRITICAL, WARN, WARN, WARN, WARN, WARN, NORMAL);
  }

  @Test
  void aFallBelowWarnFromCriticalStopsAtWarnUntilClearlyBelow() {
    assertThat(feed(0.95, 0.72, 0.50)).containsExactly(CRITICAL, WARN, NORMAL);
  }

  @Test
  void aSteepFallGoesStraightToNormal() {
    assertThat(feed(0.95, 0.30)).containsExactly(CRITICAL, NORMAL);
  }

  @Test
  void anUnknownReadingKeepsTheLevel() {
    assertThat(feed(0.80, -1, 0.30, -1)).containsExactly(WARN, WARN, NORMAL, NORMAL);
  }

  @Test
  void closeThresholdsHaveANarrowerMargin() {
    // warn 88%, critical 90%: leaving critical needs less than 89%
    assertThat(tracker.update(0.90, 0.88, 0.90)).isEqualTo(CRITICAL);
    assertThat(tracker.update(0.895, 0.88, 0.90)).isEqualTo(CRITICAL);
    assertThat(tracker.update(0.885, 0.88, 0.90)).isEqualTo(WARN);
  }
}
