package io.heapwarden.agent.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/** The judge on synthetic series, one sample a minute: only steady growth is reported. */
class GrowthJudgeTest {
  private static GrowthJudge.Verdict judge(int samples, IntToLongFunction size) {
    double[] minutes = new double[samples];
    long[] counts = new long[samples];
    for (int i = 0; i < samples; i++) {
      minutes[i] = i;
      counts[i] = size.applyAsLong(i);
    }
    return GrowthJudge.judge(minutes, counts);
  }

  @Test
  void aLinearlyGrowingFieldIsReportedWithItsSlope() {
    GrowthJudge.Verdict verdict = judge(12, i -> 100 + 50L * i);

    assertThat(verdict.growing()).isTrue();
    assertThat(verdict.perMinute()).isCloseTo(50, within(1e-9));
  }

  @Test
  void growthWithJitterAndAnOccasionalDipIsStillReported() {
    long[] jitter = {0, 7, -3, 5, 0, -4, 6, 2, -1, 3, 0, 4};
    GrowthJudge.Verdict verdict = judge(12, i -> 1000 + 40L * i + jitter[i]);

    assertThat(verdict.growing()).isTrue();
  }

  @Test
  void aFlatFieldIsNotReported() {
    assertThat(judge(12, i -> 500).growing()).isFalse();
    assertThat(judge(12, i -> 0).growing()).isFalse();
  }

  @Test
  void anOscillatingFieldIsNotReported() {
    // a queue that fills and drains, drifting up a little
    GrowthJudge.Verdict verdict = judge(12, i -> (i % 2 == 0 ? 100 : 400) + 3L * i);

    assertThat(verdict.growing()).isFalse();
  }

  @Test
  void aStepThenFlatFieldIsNotReported() {
    // a cache warmed at start-up, in one step
    GrowthJudge.Verdict verdict = judge(12, i -> i < 4 ? 10 : 5000);

    assertThat(verdict.growing()).isFalse();
  }

  @Test
  void aCacheThatFilledUpAndLevelledOffIsNotReported() {
    assertThat(judge(12, i -> Math.min(10_000, 2_000L * i)).growing()).isFalse();
    // still creeping up at the end, by one a minute: levelled off all the same
    GrowthJudge.Verdict creeping = judge(12, i -> i <= 7 ? 1_000L * i : 7_000 + (i - 7));
    assertThat(creeping.growing()).isFalse();
    assertThat(creeping.reason()).isEqualTo("growth levelled off");
  }

  @Test
  void aBigFlatCacheWithNoiseIsNotReported() {
    long[] noise = {0, 3, -2, 1, -3, 2, 0, -1, 3, -2, 1, 0};
    GrowthJudge.Verdict verdict = judge(12, i -> 1_000_000 + noise[i]);

    assertThat(verdict.growing()).isFalse();
    assertThat(verdict.reason()).isEqualTo("no sizeable growth");
  }

  @Test
  void aBigCacheCreepingUpByFractionsOfAPercentIsNotReported() {
    assertThat(judge(12, i -> 1_000_000 + 100L * i).growing()).isFalse();
  }

  @Test
  void tooFewSamplesGiveNoVerdict() {
    assertThat(judge(GrowthJudge.MIN_SAMPLES - 1, i -> 100L * i).growing()).isFalse();
    assertThat(judge(GrowthJudge.MIN_SAMPLES, i -> 100L * i).growing()).isTrue();
  }

  @Test
  void onlyTheWindowCounts() {
    // grew long ago, flat for a whole window since
    assertThat(judge(30, i -> Math.min(20, i) * 100L).growing()).isFalse();
  }
}
