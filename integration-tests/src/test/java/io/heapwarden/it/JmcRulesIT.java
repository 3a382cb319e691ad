package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.collections.SteadyStore;
import io.heapwarden.it.fixtures.pressure.RetainingService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.BinaryPrefix;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.IUnit;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.flightrecorder.CouldNotLoadRecordingException;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.jdk.memory.IncreasingLiveSetRule;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;

/**
 * JMC's own automated analysis (the rules of Mission Control's Automated Analysis page, from {@code
 * org.openjdk.jmc:flightrecorder.rules.jdk}) on recordings of Heapwarden runs, made with the JDK's
 * default settings and the shipped {@code heapwarden.jfc} together, or with {@code heapwarden.jfc}
 * alone.
 */
class JmcRulesIT {
  /** A cache ramped past critical heap pressure: the pressure guard nudges the GC. */
  private static final String PRESSURE_RULES =
      """
      collections:
        - field: io.heapwarden.it.fixtures.pressure.RetainingService.cache
          max-entries: 1100
      pressure:
        heap: {warn: 55%, critical: 70%}
      """;

  private static final IUnit MIB = UnitLookup.MEMORY.getUnit(BinaryPrefix.MEBI);

  /** What one rule found. */
  record Finding(String id, Severity severity, double score, String summary) {
    @Override
    public String toString() {
      return id + ": " + severity + " (score " + Math.round(score * 10) / 10.0 + ") " + summary;
    }
  }

  private static JvmResult cli(String... args) {
    return AgentJvm.forJar(ItEnvironment.agentJar()).args(args).run();
  }

  /** Runs {@code jvm} recording with {@code settings=default,settings=heapwarden.jfc}. */
  private static Path record(AgentJvm jvm) {
    return record(jvm, "settings=default,");
  }

  /**
   * Runs {@code jvm} recording with {@code heapwarden.jfc} after {@code options}, e.g. {@code
   * delay=3s,} or other settings files ({@code settings=default,}).
   */
  private static Path record(AgentJvm jvm, String options) {
    JvmResult jfc = cli("jfc");
    assertThat(jfc.exitCode()).as(jfc.output()).isZero();
    Path settings = jvm.workspace().write("heapwarden.jfc", jfc.stdout());
    Path recording = jvm.workspace().dir().resolve("heapwarden.jfr");
    JvmResult run =
        jvm.jvmArgs(
                "-XX:StartFlightRecording:"
                    + options
                    + "settings="
                    + settings
                    + ",filename="
                    + recording
                    + ",dumponexit=true")
            .run(Duration.ofSeconds(120));
    assertThat(run.exitCode()).as(run.output()).isZero();
    return recording;
  }

  /** Every rule JMC registers, evaluated on the recording as Mission Control does. */
  private static Map<String, Finding> analyse(Path recording)
      throws IOException, CouldNotLoadRecordingException, InterruptedException {
    IItemCollection items = JfrLoaderToolkit.loadEvents(recording.toFile());
    Map<IRule, Future<IResult>> futures =
        RulesToolkit.evaluateParallel(RuleRegistry.getRules(), items, null, 1);
    Map<String, Finding> findings = new HashMap<>();
    for (Map.Entry<IRule, Future<IResult>> rule : futures.entrySet()) {
      try {
        IResult result = rule.getValue().get(120, TimeUnit.SECONDS);
        IQuantity score = result.getResult(TypedResult.SCORE);
        findings.put(
            rule.getKey().getId(),
            new Finding(
                rule.getKey().getId(),
                result.getSeverity(),
                score == null ? -1 : score.doubleValueIn(UnitLookup.NUMBER_UNITY),
                String.valueOf(result.getSummary())));
      } catch (ExecutionException | TimeoutException failed) {
        throw new AssertionError("JMC rule " + rule.getKey().getId() + " failed", failed);
      }
    }
    return findings;
  }

  private static Finding finding(Map<String, Finding> findings, String id) {
    Finding finding = findings.get(id);
    assertThat(finding).as("JMC's %s rule in %s", id, findings.keySet()).isNotNull();
    System.out.println("[JMC] " + finding);
    return finding;
  }

  @Test
  void theFullGcsJmcFindsAreHeapwardensGcNudgesAsItsEventsSay() throws Exception {
    Path recording =
        record(
            AgentJvm.forMainClass(RetainingService.class)
                .withConfig(PRESSURE_RULES)
                .jvmArgs("-Xmx128m", "-XX:+UseG1GC")
                .args("1100", "100000", "2500"));

    Map<String, Finding> findings = analyse(recording);

    // JMC warns about full collections in a G1 heap ...
    Finding fullGc = finding(findings, "FullGc");
    assertThat(fullGc.severity()).isEqualTo(Severity.WARNING);
    // ... and the pressure guard's nudge is a jcmd GC.run, not System.gc(): JMC's System.gc() rule
    // has nothing against the service
    Finding systemGc = finding(findings, "SystemGc");
    assertThat(systemGc.severity()).isEqualTo(Severity.OK);

    // each full collection asked for by a diagnostic command is one of Heapwarden's nudges: a
    // heapwarden.GcNudge by GC.run ends within its own duration (and a second of slack) after it
    List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
    List<RecordedEvent> nudges =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("heapwarden.GcNudge"))
            .filter(e -> e.getString("mechanism").startsWith("DiagnosticCommand GC.run"))
            .toList();
    List<RecordedEvent> requested =
        events.stream()
            .filter(e -> e.getEventType().getName().equals("jdk.GarbageCollection"))
            .filter(e -> e.getString("name").equals("G1Full"))
            .filter(e -> e.getString("cause").equals("Diagnostic Command"))
            .toList();
    assertThat(nudges).isNotEmpty();
    assertThat(requested).hasSameSizeAs(nudges);
    for (RecordedEvent gc : requested) {
      assertThat(nudgeExplaining(gc, nudges))
          .as("the heapwarden.GcNudge of the full GC at %s", gc.getStartTime())
          .isNotNull();
    }
  }

  private static @Nullable RecordedEvent nudgeExplaining(
      RecordedEvent gc, List<RecordedEvent> nudges) {
    for (RecordedEvent nudge : nudges) {
      Instant committed = nudge.getStartTime();
      Duration took = Duration.ofNanos(nudge.getLong("nudgeDuration"));
      Instant from = committed.minus(took).minusSeconds(1);
      Instant to = committed.plusSeconds(1);
      if (!gc.getStartTime().isBefore(from) && !gc.getStartTime().isAfter(to)) {
        return nudge;
      }
    }
    return null;
  }

  private static AgentJvm steadyStore(String config) {
    return AgentJvm.forMainClass(SteadyStore.class)
        .withConfig(config)
        // a small young generation: a collection every second or so, the live set seen often
        .jvmArgs("-Xmx256m", "-Xmn16m", "-XX:+UseG1GC")
        .args("18", "64");
  }

  /**
   * JMC's IncreasingLiveSet rule fits a line through the heap after every GC of the recording and
   * scores its slope against the heap after warm-up. So the runs hold working data from the start
   * and are recorded from 3 s on: a recording from JVM start would include the working data's own
   * ramp, which the rule cannot tell from a leak (both runs scored WARNING so). The bound is 10
   * entries: an evicted entry dies in the young generation, where a larger bound's entries would be
   * promoted first and count as old heap until a mixed collection. Recorded with {@code
   * heapwarden.jfc} alone: it has every event the rule reads (the heap summaries, and the class
   * loading statistics that mark the end of warm-up). docs/observability.md has the runs.
   */
  @Test
  void theLiveSetRuleSeesTheBoundedRunFlatWhereTheUnboundedOneGrows() throws Exception {
    // recorded from 3 s on: the working data is in place, the rule judges the steady state
    Path unbounded = record(steadyStore("telemetry:\n  interval: 1s\n"), "delay=3s,");
    Path bounded =
        record(
            steadyStore(
                """
                collections:
                  - field: io.heapwarden.it.fixtures.collections.SteadyStore.store
                    max-entries: 10
                telemetry:
                  interval: 1s
                """),
            "delay=3s,");

    Finding grows = finding(analyse(unbounded), "IncreasingLiveSet");
    Finding flat = finding(analyse(bounded), "IncreasingLiveSet");
    IQuantity growsBy = liveSetIncrease(unbounded);
    IQuantity flatBy = liveSetIncrease(bounded);
    System.out.println("[JMC] live set increase: unbounded " + growsBy + ", bounded " + flatBy);

    // the store keeps 1.6 MB/s (about 1.5 MiB/s): JMC's least-squares slope of the heap after GC
    assertThat(growsBy.doubleValueIn(MIB)).isGreaterThan(0.7);
    assertThat(flatBy.doubleValueIn(MIB)).isLessThan(0.2);
    // which it judges against the heap after warm-up (about 130 MiB of working data here)
    assertThat(grows.severity()).isIn(Severity.INFO, Severity.WARNING);
    assertThat(grows.score()).isGreaterThanOrEqualTo(50);
    assertThat(flat.severity()).isEqualTo(Severity.OK);
    assertThat(flat.score()).isLessThan(25);
  }

  private static IQuantity liveSetIncrease(Path recording)
      throws IOException, CouldNotLoadRecordingException, InterruptedException {
    IItemCollection items = JfrLoaderToolkit.loadEvents(recording.toFile());
    IncreasingLiveSetRule rule = new IncreasingLiveSetRule();
    Map<IRule, Future<IResult>> futures =
        RulesToolkit.evaluateParallel(List.of(rule), items, null, 1);
    try {
      IResult result = futures.get(rule).get(120, TimeUnit.SECONDS);
      IQuantity increase = result.getResult(IncreasingLiveSetRule.LIVESET_INCREASE);
      return increase == null ? MIB.quantity(0) : increase;
    } catch (ExecutionException | TimeoutException failed) {
      throw new AssertionError(failed);
    }
  }
}
