package io.heapwarden.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts by name, in the order first counted, and failures by kind with a few examples each. */
final class Tally {
  private static final int EXAMPLES = 5;

  private final Map<String, Long> counts = new java.util.LinkedHashMap<>();
  private final Map<String, List<String>> failures = new TreeMap<>();
  private final Map<String, Long> failureCounts = new TreeMap<>();
  private final Map<String, Long> notes = new TreeMap<>();
  private final Map<String, Long> details = new TreeMap<>();

  void add(String name, long n) {
    counts.merge(name, n, Long::sum);
  }

  void count(String name) {
    add(name, 1);
  }

  long get(String name) {
    return counts.getOrDefault(name, 0L);
  }

  /** A breakdown of a count, listed under the table. */
  void detail(String name, long n) {
    details.merge(name, n, Long::sum);
  }

  /** A failure: the run fails while there is one. */
  void fail(String kind, String example) {
    failureCounts.merge(kind, 1L, Long::sum);
    List<String> examples = failures.computeIfAbsent(kind, k -> new ArrayList<>());
    if (examples.size() < EXAMPLES) {
      examples.add(example);
    }
  }

  /** Something counted apart that is no failure (a check that could not be made, and why). */
  void note(String kind) {
    notes.merge(kind, 1L, Long::sum);
  }

  long failures() {
    return failureCounts.values().stream().mapToLong(Long::longValue).sum();
  }

  String report() {
    StringBuilder text = new StringBuilder();
    text.append("| count | value |\n| --- | ---: |\n");
    counts.forEach((k, v) -> text.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    text.append("| failures | ").append(failures()).append(" |\n\n");
    if (!details.isEmpty()) {
      text.append("Breakdown:\n\n");
      details.forEach((k, v) -> text.append("- ").append(k).append(": ").append(v).append('\n'));
      text.append('\n');
    }
    if (!failureCounts.isEmpty()) {
      text.append("Failures by kind:\n\n");
      failureCounts.forEach(
          (k, v) -> {
            text.append("- ").append(k).append(": ").append(v).append('\n');
            failures.get(k).forEach(e -> text.append("  - ").append(e).append('\n'));
          });
      text.append('\n');
    }
    if (!notes.isEmpty()) {
      text.append("Not checked, and why (no failure):\n\n");
      notes.forEach((k, v) -> text.append("- ").append(k).append(": ").append(v).append('\n'));
    }
    return text.toString();
  }
}
