package io.heapwarden.agent.discover;

/**
 * Decides from a series of sizes whether a field keeps growing. Over the last {@link #WINDOW}
 * samples it fits a least-squares line and asks four things, each of which one shape of harmless
 * series fails:
 *
 * <ol>
 *   <li>the slope is positive and the fitted growth over the window is at least {@link #MIN_GROWTH}
 *       elements and {@link #MIN_RELATIVE_GROWTH} of the size (a big flat cache with a little noise
 *       fails);
 *   <li>at least {@link #MIN_RISES} of the steps rise (a step-then-flat series rises once);
 *   <li>at most {@link #MAX_FALLS} of the steps fall (an oscillating series falls half the time);
 *   <li>the later half of the window still grows at {@link #MIN_LATE_SLOPE} of the whole window's
 *       slope (a cache filling up to its bound and flattening fails once it flattens).
 * </ol>
 *
 * The heap's used-after-GC trend (as JMC's IncreasingLiveSet rule reads it for the whole heap) is
 * fitted the same way and reported beside the field's growth, not used to judge: while the heap is
 * far from full, the collector may not run often enough for it to show a trend. Deterministic: the
 * verdict depends only on the numbers given.
 */
public final class GrowthJudge {
  /** Samples judged: the most recent ones. */
  public static final int WINDOW = 10;

  /** Fewest samples before any verdict. */
  public static final int MIN_SAMPLES = 6;

  static final long MIN_GROWTH = 10;
  static final double MIN_RELATIVE_GROWTH = 0.02;
  static final double MIN_RISES = 0.6;
  static final double MAX_FALLS = 0.2;
  static final double MIN_LATE_SLOPE = 0.3;

  private GrowthJudge() {}

  /** A verdict: growing or not, the fitted slope (elements a minute), and why not. */
  public record Verdict(boolean growing, double perMinute, String reason) {}

  /**
   * Judges the series {@code counts} sampled at {@code minutes} (same length, increasing times);
   * only the last {@link #WINDOW} samples count.
   */
  public static Verdict judge(double[] minutes, long[] counts) {
    int n = Math.min(WINDOW, counts.length);
    if (n < MIN_SAMPLES) {
      return new Verdict(false, 0, "fewer than " + MIN_SAMPLES + " samples");
    }
    int from = counts.length - n;
    double slope = slope(minutes, counts, from, counts.length);
    double span = minutes[counts.length - 1] - minutes[from];
    double fittedGrowth = slope * span;
    long last = counts[counts.length - 1];
    if (slope <= 0 || fittedGrowth < MIN_GROWTH || fittedGrowth < MIN_RELATIVE_GROWTH * last) {
      return new Verdict(false, slope, "no sizeable growth");
    }
    int rises = 0;
    int falls = 0;
    for (int i = from + 1; i < counts.length; i++) {
      if (counts[i] > counts[i - 1]) {
        rises++;
      } else if (counts[i] < counts[i - 1]) {
        falls++;
      }
    }
    int steps = n - 1;
    if (rises < MIN_RISES * steps) {
      return new Verdict(false, slope, "grew in " + rises + " of " + steps + " steps");
    }
    if (falls > MAX_FALLS * steps) {
      return new Verdict(false, slope, "fell in " + falls + " of " + steps + " steps");
    }
    double late = slope(minutes, counts, counts.length - n / 2, counts.length);
    if (late < MIN_LATE_SLOPE * slope) {
      return new Verdict(false, slope, "growth levelled off");
    }
    return new Verdict(true, slope, "keeps growing");
  }

  /** The least-squares slope of {@code values[from, to)} over {@code minutes}; 0 if undefined. */
  public static double slope(double[] minutes, long[] values, int from, int to) {
    int n = to - from;
    if (n < 2) {
      return 0;
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = from; i < to; i++) {
      meanX += minutes[i];
      meanY += values[i];
    }
    meanX /= n;
    meanY /= n;
    double covariance = 0;
    double variance = 0;
    for (int i = from; i < to; i++) {
      double dx = minutes[i] - meanX;
      covariance += dx * (values[i] - meanY);
      variance += dx * dx;
    }
    return variance == 0 ? 0 : covariance / variance;
  }
}
