package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.pressure.RetainingService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The memory pressure guard end to end: a service ramps the memory it retains in a bounded cache
 * past the critical threshold; the guard trims the cache, nudges the GC, and the service carries on
 * below warn.
 */
class MemoryPressureIT {
  private static final String CACHE = "io.heapwarden.it.fixtures.pressure.RetainingService.cache";

  /**
   * 1100 entries of 100 KB: 82% of a 128 MiB heap, above critical (70%); half of them, 41%, is
   * clearly below warn (55%).
   */
  private static final String HEAP_RULES =
      """
      collections:
        - field: %s
          max-entries: 1100
      pressure:
        heap: {warn: 55%%, critical: 70%%}
        on-critical: {min-interval: 2s}
      """
          .formatted(CACHE);

  private static final Pattern DONE =
      Pattern.compile("done: t=\\d+ms size=(\\d+) heapUsed=(\\d+)MiB");

  private static JvmResult heapRamp(String rules, String... jvmArgs) {
    return AgentJvm.forMainClass(RetainingService.class)
        .withConfig(rules)
        .recordJfr()
        .jvmArgs("-Xmx128m", "-XX:+UseG1GC")
        .jvmArgs(jvmArgs)
        .args("1100", "100000", "2500")
        .run();
  }

  @Test
  void aServiceRampingPastCriticalHeapIsTrimmedBelowWarnAndCarriesOn() throws Exception {
    JvmResult result = heapRamp(HEAP_RULES + "  heap-dump: {path: heap-%p.hprof, on: critical}\n");

    assertTrimmedBelowWarn(result, 550, 0.55);
    assertDropped(result, 550);
    assertThat(nudges(result))
        .extracting(e -> e.getString("mechanism"))
        .containsOnly("DiagnosticCommand GC.run, heap free ratio 10-30%");
    // one complete heap dump, named with the pid, written before the trim
    try (Stream<Path> files = Files.list(result.workspace().dir())) {
      List<Path> dumps =
          files
              .filter(f -> f.getFileName().toString().contains("hprof"))
              .collect(Collectors.toList());
      assertThat(dumps).as(result.output()).hasSize(1);
      assertThat(dumps.get(0).getFileName().toString()).matches("heap-\\d+\\.hprof");
      assertThat(Files.size(dumps.get(0))).isGreaterThan(50L << 20);
    }
    assertThat(result.agentLines())
        .anyMatch(line -> line.contains("WARN wrote a heap dump at CRITICAL pressure to "));
  }

  /**
   * Parallel and Serial: the old generation, about two thirds of the heap, is the pool watched, so
   * the heap is larger. ZGC: the whole heap (JDK 17's "ZHeap", JDK 21+'s "ZGC Old Generation"),
   * which also holds what its concurrent cycle has not freed yet; so only "below critical" here.
   */
  @ParameterizedTest
  @CsvSource({
    "-XX:+UseParallelGC, -Xmx210m",
    "-XX:+UseSerialGC, -Xmx210m",
    "-XX:+UseZGC, -Xmx150m"
  })
  void otherCollectorsLongLivedPoolsAreWatchedToo(String collector, String maxHeap) {
    JvmResult result =
        AgentJvm.forMainClass(RetainingService.class)
            .withConfig(HEAP_RULES)
            .recordJfr()
            .jvmArgs(maxHeap, collector)
            .args("1100", "100000", "2500")
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertSize(result, 550);
    List<RecordedEvent> levels = levels(result);
    assertThat(levels)
        .extracting(e -> e.getString("level"))
        .as(result.output())
        .contains("CRITICAL");
    RecordedEvent last = levels.get(levels.size() - 1);
    assertThat(last.getString("level")).as(result.output()).isNotEqualTo("CRITICAL");
    assertThat(result.events("heapwarden.EmergencyTrim")).as(result.output()).isNotEmpty();
    assertThat(nudges(result)).as(result.output()).isNotEmpty();
  }

  @Test
  void theGcNudgeWorksUnderDisableExplicitGc() {
    JvmResult result = heapRamp(HEAP_RULES, "-XX:+DisableExplicitGC");

    assertTrimmedBelowWarn(result, 550, 0.55);
    assertDropped(result, 550);
    // the nudges collected: System.gc() would have been a no-op here. A nudge may come before the
    // trim (the service's garbage only, 15 MiB seen on a loaded machine) or after it (what the trim
    // dropped as well), so the bound is what a collection of the service's churn alone frees.
    assertThat(nudges(result))
        .extracting(e -> e.getString("mechanism"))
        .containsOnly("DiagnosticCommand GC.run, heap free ratio 10-30%");
    assertThat(nudges(result))
        .as("a nudge freed 8 MiB: " + result.output())
        .anyMatch(e -> e.getLong("heapAfter") < e.getLong("heapBefore") - 8L * 1024 * 1024);
  }

  @Test
  void aConfiguredLimitStandsInForTheContainerAndTheRssPathTriggersTheSame() {
    JvmResult result =
        AgentJvm.forMainClass(RetainingService.class)
            .withConfig(
                """
                collections:
                  - field: %s
                    max-entries: 2500
                pressure:
                  heap: {warn: 98%%, critical: 99%%}
                  container: {warn: 50%%, critical: 70%%, limit: 450MB}
                  on-critical: {trim-to: 10%%, min-interval: 2s}
                """
                    .formatted(CACHE))
            .recordJfr()
            // a heap that shrinks after a full collection, so that RSS can follow the trim
            .jvmArgs(
                "-Xms16m",
                "-Xmx500m",
                "-XX:+UseG1GC",
                "-Xmn32m", // a young generation that cannot grow back over what the trim freed
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30")
            // serving 5 s: under load G1 may uncommit only after the second nudge, 2 s later
            .args("2500", "100000", "5000")
            .run();

    // critical may come during the ramp: the rest is then evicted at the scaled bound as it comes
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertSize(result, 250);
    List<RecordedEvent> levels = levels(result);
    int critical = 0;
    while (critical < levels.size()
        && !levels.get(critical).getString("level").equals("CRITICAL")) {
      critical++;
    }
    assertThat(critical).as(result.output()).isLessThan(levels.size() - 1);
    RecordedEvent crossing = levels.get(critical);
    assertThat(crossing.getString("cause")).isEqualTo("container");
    assertThat(crossing.getLong("limit")).isEqualTo(450L * 1024 * 1024);
    assertThat(crossing.getLong("workingSet"))
        .isGreaterThanOrEqualTo(crossing.getLong("limit") * 7 / 10);
    // the next change: RSS back below critical's margin (65%); WARN or NORMAL depending on how far
    // it fell by the guard's next check (every 10 ms while elevated; G1 uncommits concurrently)
    RecordedEvent after = levels.get(critical + 1);
    assertThat(after.getString("level")).as(result.output()).isIn("WARN", "NORMAL");
    assertThat(after.getLong("workingSet"))
        .as(result.output())
        .isLessThan(after.getLong("limit") * 65 / 100);
    // and the nudge gave memory back to the OS
    assertThat(nudges(result))
        .as(result.output())
        .anyMatch(e -> e.getLong("rssAfter") < e.getLong("rssBefore") - 40L * 1024 * 1024);
    assertThat(result.events("heapwarden.EmergencyTrim")).as(result.output()).isNotEmpty();
    assertThat(nudges(result)).as(result.output()).isNotEmpty();
    assertThat(result.agentLines())
        .anyMatch(
            line ->
                line.contains(
                    "container memory: process RSS against pressure.container.limit 450 MiB"))
        .anyMatch(line -> line.contains("WARN memory pressure CRITICAL (was "));
  }

  /**
   * Exit 0 after serving on; the cache holds {@code trimmedSize} entries; the level went CRITICAL,
   * then back to NORMAL with the heap after GC below {@code heapWarn}; a trim and a nudge ran.
   */
  private static void assertTrimmedBelowWarn(JvmResult result, int trimmedSize, double heapWarn) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    // Trimmed to the scaled bound, and refilled only below critical: the guard may act during the
    // ramp (its confirming collection runs with the bounds already scaled), and the ramp's
    // remaining puts then grow the cache again, short of critical.
    Matcher done = DONE.matcher(result.stdout());
    assertThat(done.find()).as(result.output()).isTrue();
    assertThat(Integer.parseInt(done.group(1)))
        .as(result.output())
        .isBetween(trimmedSize - 5, 2 * trimmedSize - 1);

    List<RecordedEvent> levels = levels(result);
    assertThat(levels)
        .extracting(e -> e.getString("level"))
        .as(result.output())
        .contains("CRITICAL");
    // The trim brought the heap below warn, as measured after a collection: by a level event back
    // to NORMAL, or by a nudge's full collection. Only one may show it: the serving phase's garbage
    // counts in the old generation until an old collection, which a busy machine or JDK 25's G1
    // may not run before the end (the level then stays WARN); and a nudge may come before the
    // trim, as the collection that confirmed critical.
    long heapMax = levels.get(0).getLong("heapMax");
    int critical = levels.indexOf(levels.stream().filter(e -> isCritical(e)).findFirst().get());
    boolean normalBelowWarn =
        levels.subList(critical, levels.size()).stream()
            .anyMatch(
                e ->
                    e.getString("level").equals("NORMAL")
                        && e.getLong("heapUsed") < heapWarn * heapMax);
    boolean nudgedBelowWarn =
        nudges(result).stream().anyMatch(e -> e.getLong("heapAfter") < heapWarn * heapMax);
    assertThat(normalBelowWarn || nudgedBelowWarn)
        .as("the heap measured below warn after the trim: " + result.output())
        .isTrue();
    RecordedEvent last = levels.get(levels.size() - 1);
    assertThat(last.getString("level")).as(result.output()).isIn("NORMAL", "WARN");
    List<RecordedEvent> trims = result.events("heapwarden.EmergencyTrim");
    assertThat(trims).as(result.output()).isNotEmpty();
    assertThat(trims.get(0).getInt("collections")).isEqualTo(1);
    assertThat(nudges(result)).as(result.output()).isNotEmpty();
    assertThat(result.events("heapwarden.RuleFailed")).isEmpty();
    assertThat(result.agentLines())
        .as(result.output())
        .anyMatch(line -> line.contains("WARN memory pressure CRITICAL (was "))
        .anyMatch(line -> line.matches(".*memory pressure (NORMAL|WARN) \\(was CRITICAL.*"));
  }

  /**
   * At most {@code expected} entries dropped by trims: the service's own writes race the guard's
   * trim, and whatever they shrink first counts as evictions.
   */
  /**
   * The cache holds its scaled bound, or a few entries less: a trim by the guard racing the
   * service's own put and eviction may drop one more than needed (a bound is a maximum).
   */
  private static void assertSize(JvmResult result, int scaledBound) {
    Matcher done = DONE.matcher(result.stdout());
    assertThat(done.find()).as(result.output()).isTrue();
    assertThat(Integer.parseInt(done.group(1)))
        .as(result.output())
        .isBetween(scaledBound - 5, scaledBound);
  }

  private static void assertDropped(JvmResult result, long expected) {
    assertThat(
            result.events("heapwarden.EmergencyTrim").stream()
                .mapToLong(e -> e.getLong("dropped"))
                .sum())
        .as(result.output())
        .isBetween(0L, expected);
  }

  private static List<RecordedEvent> levels(JvmResult result) {
    return result.events("heapwarden.MemoryPressure");
  }

  private static boolean isCritical(RecordedEvent level) {
    return level.getString("level").equals("CRITICAL");
  }

  private static List<RecordedEvent> nudges(JvmResult result) {
    return result.events("heapwarden.GcNudge");
  }
}
