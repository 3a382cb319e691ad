package io.heapwarden.agent.discover;

/** The last {@link GrowthJudge#WINDOW} samples of one value, with their times. */
final class SizeSeries {
  private final long[] nanos = new long[GrowthJudge.WINDOW];
  private final long[] values = new long[GrowthJudge.WINDOW];
  private int count;

  void add(long atNanos, long value) {
    if (count == values.length) {
      System.arraycopy(nanos, 1, nanos, 0, count - 1);
      System.arraycopy(values, 1, values, 0, count - 1);
      count--;
    }
    nanos[count] = atNanos;
    values[count] = value;
    count++;
  }

  int size() {
    return count;
  }

  long last() {
    return count == 0 ? 0 : values[count - 1];
  }

  /** Minutes since the first sample kept. */
  double[] minutes() {
    double[] minutes = new double[count];
    for (int i = 0; i < count; i++) {
      minutes[i] = (nanos[i] - nanos[0]) / 60e9;
    }
    return minutes;
  }

  long[] values() {
    long[] copy = new long[count];
    System.arraycopy(values, 0, copy, 0, count);
    return copy;
  }

  long spanNanos() {
    return count == 0 ? 0 : nanos[count - 1] - nanos[0];
  }
}
