package io.heapwarden.agent.discover;

import io.heapwarden.agent.telemetry.Incident;
import io.heapwarden.bootstrap.discover.CheapSize;
import io.heapwarden.bootstrap.discover.TrackedField;
import io.heapwarden.bootstrap.discover.TrackedFields;
import io.heapwarden.bootstrap.size.SizeEstimator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One sample of every tracked field per period: the sum of the cheap sizes of its live collections,
 * into a {@link SizeSeries} per field, judged by the {@link GrowthJudge}. A field found growing is
 * reported once, with the retained size of its largest collection (estimated at that moment only,
 * scaled to the field's count). Runs on the discovery thread only.
 */
final class DiscoverySampler {
  private final Consumer<Incident.GrowthSuspect> report;
  private final List<SizeSeries> series = new ArrayList<>(); // by field id
  private final List<Boolean> reported = new ArrayList<>(); // by field id
  private final SizeSeries heap = new SizeSeries();
  private long unread; // collections whose size was not cheap, last sample

  DiscoverySampler(Consumer<Incident.GrowthSuspect> report) {
    this.report = report;
  }

  /**
   * Samples every field now.
   *
   * @param heapAfterGc the heap's used-after-GC bytes now, -1 when unknown
   */
  void sample(long nanos, long heapAfterGc) {
    if (heapAfterGc >= 0) {
      heap.add(nanos, heapAfterGc);
    }
    List<TrackedField> fields = TrackedFields.all();
    long notCheap = 0;
    for (int id = 0; id < fields.size(); id++) {
      if (series.size() <= id) {
        series.add(new SizeSeries());
        reported.add(Boolean.FALSE);
      }
      notCheap += sample(id, fields.get(id), nanos);
    }
    unread = notCheap;
  }

  /** Collections seen in the last sample whose size was not read (not cheap). */
  long unread() {
    return unread;
  }

  private int sample(int id, TrackedField field, long nanos) {
    Object[] live = field.live();
    long total = 0;
    int read = 0;
    int notCheap = 0;
    @Nullable Object largest = null;
    int largestSize = -1;
    for (Object collection : live) {
      int size = CheapSize.of(collection);
      if (size == CheapSize.NOT_READ) {
        notCheap++;
        continue;
      }
      read++;
      total += size;
      if (size > largestSize) {
        largestSize = size;
        largest = collection;
      }
    }
    if (read == 0 || reported.get(id)) {
      return notCheap;
    }
    SizeSeries sizes = series.get(id);
    sizes.add(nanos, total);
    GrowthJudge.Verdict verdict = GrowthJudge.judge(sizes.minutes(), sizes.values());
    if (verdict.growing()) {
      reported.set(id, Boolean.TRUE);
      report.accept(
          new Incident.GrowthSuspect(
              field.qualifiedName(),
              field.type(),
              total,
              read,
              verdict.perMinute(),
              estimatedBytes(largest, largestSize, total),
              heapPerMinute(),
              Duration.ofNanos(sizes.spanNanos())));
    }
    return notCheap;
  }

  /** The largest collection's retained size, scaled to the field's count; -1 when unknown. */
  private static long estimatedBytes(@Nullable Object largest, int largestSize, long total) {
    if (largest == null || largestSize <= 0) {
      return -1;
    }
    long bytes = SizeEstimator.estimate(largest);
    return bytes <= 0 ? -1 : (long) ((double) bytes * total / largestSize);
  }

  /** The heap's used-after-GC slope over its window, bytes a minute; 0 when unknown. */
  private double heapPerMinute() {
    if (heap.size() < 2) {
      return 0;
    }
    long[] values = heap.values();
    return Math.max(0, GrowthJudge.slope(heap.minutes(), values, 0, values.length));
  }
}
