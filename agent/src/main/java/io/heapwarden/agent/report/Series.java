package io.heapwarden.agent.report;

import java.time.Instant;
import java.util.Arrays;

/** One line of a chart: points in the order added, each a time and a value. */
final class Series {
  final String label;

  /** How the page draws it: {@code line}, {@code step}, {@code points} or {@code bars}. */
  final String style;

  /** The y scale it is read on: {@code bytes} (drawn in MiB), {@code count} or {@code level}. */
  final String scale;

  private long[] epochMillis = new long[16];
  private double[] values = new double[16];
  private int size;

  Series(String label, String style, String scale) {
    this.label = label;
    this.style = style;
    this.scale = scale;
  }

  void add(Instant time, double value) {
    if (size == values.length) {
      epochMillis = Arrays.copyOf(epochMillis, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    epochMillis[size] = time.toEpochMilli();
    values[size] = value;
    size++;
  }

  /** Adds a point before all others: one at the same time as the first stays after it. */
  void prepend(Instant time, double value) {
    add(time, value);
    System.arraycopy(epochMillis, 0, epochMillis, 1, size - 1);
    System.arraycopy(values, 0, values, 1, size - 1);
    epochMillis[0] = time.toEpochMilli();
    values[0] = value;
  }

  int size() {
    return size;
  }

  long epochMillis(int i) {
    return epochMillis[i];
  }

  double value(int i) {
    return values[i];
  }

  double last() {
    return size == 0 ? Double.NaN : values[size - 1];
  }

  /** Sorts the points by time (stable): chunks are read in order, but events within one may not. */
  void sortByTime() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(epochMillis[a], epochMillis[b]));
    long[] times = new long[size];
    double[] sorted = new double[size];
    for (int i = 0; i < size; i++) {
      times[i] = epochMillis[order[i]];
      sorted[i] = values[order[i]];
    }
    epochMillis = times;
    values = sorted;
  }
}
