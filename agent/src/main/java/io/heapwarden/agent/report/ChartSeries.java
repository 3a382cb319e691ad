package io.heapwarden.agent.report;

import static io.heapwarden.agent.report.RecordingSummary.number;
import static io.heapwarden.agent.report.RecordingSummary.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The HTML report's time series, taken from a recording's events one at a time: memory (the JDK's
 * heap after each GC, RSS and container usage, next to the pressure guard's own readings), the
 * pressure level, what the agent did (trims, GC nudges, evictions) and each rule's size and bound.
 */
final class ChartSeries implements Consumer<RecordedEvent> {
  private static final double MIB = 1024.0 * 1024.0;

  /** The events of one telemetry flush are committed within milliseconds: one bar per flush. */
  private static final long FLUSH_MILLIS = 500;

  final Series heapAfterGc = new Series("heap after GC", "line", "bytes");
  final Series heapMax = new Series("heap max", "step", "bytes");
  final Series workingSet = new Series("working set", "line", "bytes");

  /** The JDK's reading of the cgroup's usage: page cache included, so above the working set. */
  final Series containerUsage = new Series("container memory usage", "line", "bytes");

  final Series rss = new Series("RSS", "line", "bytes");
  final Series limit = new Series("container limit", "step", "bytes");
  final Series level = new Series("pressure level", "step", "level");
  final Series nudges = new Series("GC nudge (heap before)", "points", "bytes");
  final Series trims = new Series("emergency trim", "points", "bytes");
  final Series evictions = new Series("entries evicted", "bars", "count");
  final Series sessionsEvicted = new Series("sessions evicted", "bars", "count");

  /** Per rule with a size (collections, session stores): its size and bound over time. */
  final Map<String, RuleSeries> rules = new TreeMap<>();

  /** Counts by the time of the first event of their flush, in epoch milliseconds. */
  private final TreeMap<Long, Long> evictedPerFlush = new TreeMap<>();

  private final TreeMap<Long, Long> sessionsPerFlush = new TreeMap<>();
  private String firstLevel = "";
  private String lastLevel = "";

  /** One rule's two lines. */
  static final class RuleSeries {
    final Series size = new Series("size", "line", "count");
    final Series bound = new Series("bound", "step", "count");
  }

  @Override
  public void accept(RecordedEvent event) {
    Instant time = event.getStartTime();
    switch (event.getEventType().getName()) {
      case "jdk.GCHeapSummary":
        if ("After GC".equals(text(event, "when"))) {
          addBytes(heapAfterGc, time, number(event, "heapUsed"));
        }
        break;
      case "jdk.GCHeapConfiguration":
        addBytes(heapMax, time, number(event, "maxSize"));
        break;
      case "jdk.ResidentSetSize":
        addBytes(rss, time, number(event, "size"));
        break;
      case "jdk.ContainerMemoryUsage":
        addBytes(containerUsage, time, number(event, "memoryUsage"));
        break;
      case "jdk.ContainerConfiguration":
        addBytes(limit, time, number(event, "memoryLimit"));
        break;
      case "heapwarden.MemoryPressure":
        pressure(event, time);
        break;
      case "heapwarden.GcNudge":
        addBytes(nudges, time, number(event, "heapBefore"));
        break;
      case "heapwarden.EmergencyTrim":
        // at the heap's latest reading: the trim is drawn where memory stood
        trims.add(time, Double.isNaN(heapAfterGc.last()) ? 0 : heapAfterGc.last());
        break;
      case "heapwarden.RuleActivity":
        activity(event, time);
        break;
      case "heapwarden.SessionEvictions":
        addToFlush(sessionsPerFlush, time, number(event, "count"));
        break;
      default:
        break;
    }
  }

  private void pressure(RecordedEvent event, Instant time) {
    String now = text(event, "level");
    if (level.size() == 0) {
      firstLevel = text(event, "previous");
    }
    level.add(time, rank(now));
    lastLevel = now;
    addBytes(heapAfterGc, time, number(event, "heapUsed"));
    addBytes(heapMax, time, number(event, "heapMax"));
    addBytes(workingSet, time, number(event, "workingSet"));
    addBytes(limit, time, number(event, "limit"));
    addBytes(rss, time, number(event, "rss"));
  }

  private void activity(RecordedEvent event, Instant time) {
    if ("EVICTED".equals(text(event, "action"))) {
      addToFlush(evictedPerFlush, time, number(event, "count"));
    }
    long size = number(event, "size");
    if (size < 0) {
      return; // singletons and instances have no size to draw
    }
    RuleSeries rule = rules.computeIfAbsent(text(event, "rule"), name -> new RuleSeries());
    rule.size.add(time, (double) size);
    long bound = number(event, "bound");
    if (bound >= 0) {
      rule.bound.add(time, (double) bound);
    }
  }

  /**
   * Sorts every series by time and draws the level line over the whole recording (from the level
   * before the first change, at the start, to the level held at the end) and the limits to the end.
   */
  void finish(Instant start, Instant end) {
    if (level.size() > 0) {
      // the sorts below are stable: the start stays first and the end last at equal times
      level.sortByTime();
      level.prepend(start, rank(firstLevel));
      level.add(end, rank(lastLevel));
    }
    // the heap's and the container's limits hold until a change: drawn to the end as well
    for (Series held : new Series[] {heapMax, limit}) {
      if (held.size() > 0) {
        held.sortByTime();
        held.add(end, held.last());
      }
    }
    fold(evictedPerFlush, evictions);
    fold(sessionsPerFlush, sessionsEvicted);
    for (Series series : all()) {
      series.sortByTime();
    }
    for (RuleSeries rule : rules.values()) {
      rule.size.sortByTime();
      rule.bound.sortByTime();
    }
  }

  List<Series> all() {
    List<Series> all = new ArrayList<>();
    for (Series series :
        new Series[] {
          heapAfterGc,
          heapMax,
          workingSet,
          containerUsage,
          rss,
          limit,
          level,
          nudges,
          trims,
          evictions,
          sessionsEvicted
        }) {
      all.add(series);
    }
    return all;
  }

  /** The rules with the most points first, at most {@code max}; ties by name. */
  Map<String, RuleSeries> busiestRules(int max) {
    List<Map.Entry<String, RuleSeries>> entries = new ArrayList<>(rules.entrySet());
    entries.sort(
        (a, b) ->
            a.getValue().size.size() != b.getValue().size.size()
                ? Integer.compare(b.getValue().size.size(), a.getValue().size.size())
                : a.getKey().compareTo(b.getKey()));
    Map<String, RuleSeries> busiest = new LinkedHashMap<>();
    for (Map.Entry<String, RuleSeries> entry : entries.subList(0, Math.min(max, entries.size()))) {
      busiest.put(entry.getKey(), entry.getValue());
    }
    return busiest;
  }

  private static void fold(Map<Long, Long> perFlush, Series into) {
    for (Map.Entry<Long, Long> bucket : perFlush.entrySet()) {
      into.add(Instant.ofEpochMilli(bucket.getKey()), (double) bucket.getValue());
    }
  }

  /** Adds to the flush within {@link #FLUSH_MILLIS} of {@code time}, or starts one there. */
  private static void addToFlush(TreeMap<Long, Long> flushes, Instant time, long count) {
    long millis = time.toEpochMilli();
    Long near = flushes.floorKey(millis);
    if (near == null || millis - near > FLUSH_MILLIS) {
      Long after = flushes.ceilingKey(millis);
      near = after != null && after - millis <= FLUSH_MILLIS ? after : Long.valueOf(millis);
    }
    flushes.merge(near, Math.max(0, count), Long::sum);
  }

  /** Bytes drawn in MiB; -1 (not measured) and 0 limits (none) are left out. */
  private static void addBytes(Series series, Instant time, long bytes) {
    if (bytes > 0 && bytes < Long.MAX_VALUE) {
      series.add(time, bytes / MIB);
    }
  }

  static int rank(String level) {
    return "CRITICAL".equals(level) ? 2 : "WARN".equals(level) ? 1 : 0;
  }
}
