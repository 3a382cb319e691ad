package io.heapwarden.agent.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which charts the page draws, with which series, as the JSON its script reads: times in seconds
 * since the recording's first event, sizes in MiB. Series without points and charts without series
 * are left out, so every chart on the page has something to draw.
 */
final class ChartJson {
  /** Enough rule charts to find the busy ones; the table above them lists every rule. */
  static final int MAX_RULE_CHARTS = 24;

  private final ChartSeries series;
  private final Instant start;
  private final Instant end;
  private int charts;

  ChartJson(ChartSeries series, Instant start, Instant end) {
    this.series = series;
    this.start = start;
    this.end = end;
  }

  /** The data block; {@link #charts()} then tells how many charts it holds. */
  String write() {
    List<String> written = new ArrayList<>();
    chart(
        written,
        "memory",
        "Memory: heap after GC, working set and limit, with the pressure level",
        List.of(
            series.heapAfterGc,
            series.heapMax,
            series.workingSet,
            series.containerUsage,
            series.rss,
            series.limit,
            series.level,
            series.nudges,
            series.trims));
    chart(
        written,
        "evictions",
        "Evictions per telemetry interval (entries by the rules, sessions by the session rules)",
        List.of(series.evictions, series.sessionsEvicted));
    int index = 0;
    for (Map.Entry<String, ChartSeries.RuleSeries> rule :
        series.busiestRules(MAX_RULE_CHARTS).entrySet()) {
      chart(
          written,
          "rule-" + index++,
          rule.getKey(),
          List.of(rule.getValue().size, rule.getValue().bound));
    }
    charts = written.size();
    // every chart spans the whole recording, so that their times line up
    return "{\"seconds\":"
        + Json.number(Math.max(0.001, (end.toEpochMilli() - start.toEpochMilli()) / 1000.0))
        + ",\"charts\":["
        + String.join(",", written)
        + "]}";
  }

  int charts() {
    return charts;
  }

  private void chart(List<String> into, String id, String title, List<Series> candidates) {
    List<String> drawn = new ArrayList<>();
    for (Series one : candidates) {
      if (one.size() > 0) {
        drawn.add(series(one));
      }
    }
    if (drawn.isEmpty()) {
      return;
    }
    into.add(
        "{\"id\":"
            + Json.string(id)
            + ",\"title\":"
            + Json.string(title)
            + ",\"series\":["
            + String.join(",", drawn)
            + "]}");
  }

  private String series(Series one) {
    StringBuilder times = new StringBuilder();
    StringBuilder values = new StringBuilder();
    long startMillis = start.toEpochMilli();
    for (int i = 0; i < one.size(); i++) {
      String separator = i == 0 ? "" : ",";
      times.append(separator).append(Json.number((one.epochMillis(i) - startMillis) / 1000.0));
      values.append(separator).append(Json.number(one.value(i)));
    }
    return "{\"label\":"
        + Json.string(one.label)
        + ",\"style\":"
        + Json.string(one.style)
        + ",\"scale\":"
        + Json.string(one.scale)
        + ",\"t\":["
        + times
        + "],\"v\":["
        + values
        + "]}";
  }
}
