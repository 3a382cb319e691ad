package io.heapwarden.agent.telemetry;

import static io.heapwarden.agent.telemetry.Fixtures.collection;
import static io.heapwarden.agent.telemetry.Fixtures.config;
import static io.heapwarden.agent.telemetry.Fixtures.manualTicks;
import static io.heapwarden.agent.telemetry.Fixtures.problem;
import static io.heapwarden.agent.telemetry.Fixtures.singleton;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.heapwarden.agent.telemetry.Fixtures.CapturedLog;
import io.heapwarden.agent.telemetry.Fixtures.Clock;
import io.heapwarden.agent.telemetry.Fixtures.FakeJfr;
import io.heapwarden.agent.telemetry.Fixtures.RecordingSink;
import io.heapwarden.agent.telemetry.Fixtures.ThrowingSink;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  private final Clock clock = new Clock();
  private final CapturedLog log = new CapturedLog(clock);
  private final RecordingSink sink = new RecordingSink();
  private final RecordingSink jfr = new RecordingSink();
  private final FakeJfr fakeJfr = new FakeJfr(jfr);
  private final Rule cache = collection(0, "com.example.Cache.entries");
  private final Rule pool = singleton(1, "com.example.Pool.connection");
  private final List<Telemetry> created = new ArrayList<>();

  private Telemetry telemetry(io.heapwarden.agent.config.AgentConfig config) {
    return telemetry(config, new Telemetry.Setup().jfr(fakeJfr).jfrModule(() -> true).sinks(sink));
  }

  private Telemetry telemetry(
      io.heapwarden.agent.config.AgentConfig config, Telemetry.Setup setup) {
    Telemetry telemetry =
        Telemetry.create(
            config, setup.rules(() -> List.of(cache, pool)).clock(clock::now).log(log.output));
    created.add(telemetry);
    return telemetry;
  }

  @AfterEach
  void closeAll() {
    created.forEach(Telemetry::close);
  }

  @Test
  void aTickReportsEachRuleAndActionThatMovedOnce() {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();
    cache.count(Action.EVICTED, 1200);
    cache.count(Action.EVICTED, 34);
    cache.count(Action.TRIMMED, 2);
    pool.count(Action.REUSED);
    pool.count(Action.REUSED);

    clock.advanceSeconds(10);
    telemetry.tick();

    assertThat(sink.reports).hasSize(1);
    ActivityReport report = sink.reports.get(0);
    assertThat(report.deltas())
        .containsExactly(
            new ActivityReport.Delta(cache, Action.EVICTED, 1234),
            new ActivityReport.Delta(cache, Action.TRIMMED, 2),
            new ActivityReport.Delta(pool, Action.REUSED, 2));
    assertThat(report.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(jfr.reports).containsExactly(report);
  }

  @Test
  void theEndOfARecordingChunkFlushesTheIntervalInProgress() {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();
    cache.count(Action.EVICTED, 42);
    clock.advanceSeconds(3); // a run shorter than one interval

    fakeJfr.atChunkEnd.run(); // what JFR does before it writes a chunk, at exit too

    assertThat(jfr.reports).hasSize(1);
    assertThat(jfr.reports.get(0).deltas())
        .containsExactly(new ActivityReport.Delta(cache, Action.EVICTED, 42));
    assertThat(jfr.reports.get(0).interval()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void anIdleTickReportsNothing() {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();
    cache.count(Action.EVICTED, 5);
    clock.advanceSeconds(10);
    telemetry.tick();

    clock.advanceSeconds(10);
    telemetry.tick();
    clock.advanceSeconds(10);
    telemetry.tick();

    assertThat(sink.reports).hasSize(1);
    assertThat(log.heads()).filteredOn(line -> line.contains("evictions")).hasSize(1);
  }

  @Test
  void eachTickReportsOnlyTheDeltaSinceThePreviousOne() {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();
    cache.count(Action.EVICTED, 100);
    clock.advanceSeconds(10);
    telemetry.tick();
    cache.count(Action.EVICTED, 7);
    clock.advanceSeconds(12);
    telemetry.tick();

    assertThat(sink.reports).hasSize(2);
    assertThat(sink.reports.get(1).deltas())
        .containsExactly(new ActivityReport.Delta(cache, Action.EVICTED, 7));
    assertThat(sink.reports.get(1).interval()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void logsOneSummaryLinePerRuleAndInterval() {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();
    cache.count(Action.EVICTED, 1234);
    cache.count(Action.TRIMMED, 3);
    pool.count(Action.CREATED, 2);
    pool.count(Action.REUSED, 40);
    clock.advanceSeconds(10);

    telemetry.tick();

    assertThat(log.heads())
        .containsExactly(
            "[heapwarden] INFO com.example.Cache.entries: 1234 evictions, 3 trims in the last 10s",
            "[heapwarden] INFO com.example.Pool.connection: 2 created, 40 reused in the last 10s");
  }

  @Test
  void summariesOfManyRulesAreNotRateLimitedAgainstEachOther() {
    List<Rule> many = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(collection(i, "com.example.Cache" + i + ".entries"));
    }
    Telemetry telemetry =
        Telemetry.create(
            manualTicks(),
            new Telemetry.Setup()
                .rules(() -> many)
                .clock(clock::now)
                .log(log.output)
                .jfrModule(() -> false));
    created.add(telemetry);
    many.forEach(rule -> rule.count(Action.EVICTED));
    clock.advanceSeconds(10);

    telemetry.tick();

    assertThat(log.heads()).filteredOn(line -> line.contains("1 evictions")).hasSize(50);
  }

  @Test
  void theScheduledTickRunsOnTheTelemetryThread() throws Exception {
    Telemetry telemetry =
        Telemetry.create(
            config(Duration.ofMillis(100), false, false),
            new Telemetry.Setup().rules(() -> List.of(cache)).log(log.output).sinks(sink));
    created.add(telemetry);
    telemetry.startBackground();
    cache.count(Action.EVICTED, 3);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sink.reports.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    assertThat(sink.reports).isNotEmpty();
    assertThat(sink.threads).contains("heapwarden-telemetry");
    Thread thread =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("heapwarden-telemetry") && t.isAlive())
            .findFirst()
            .orElseThrow();
    assertThat(thread.isDaemon()).isTrue();
  }

  @Test
  void reconfigureAppliesTheNewInterval() throws Exception {
    Telemetry telemetry =
        Telemetry.create(
            manualTicks(),
            new Telemetry.Setup().rules(() -> List.of(cache)).log(log.output).sinks(sink));
    created.add(telemetry);
    telemetry.startBackground();
    cache.count(Action.EVICTED, 3);
    Thread.sleep(300);
    assertThat(sink.reports).isEmpty(); // an hour to go

    telemetry.reconfigure(config(Duration.ofMillis(100), true, true));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sink.reports.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(sink.reports).isNotEmpty();
    assertThat(telemetry.settings().interval()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void intervalsAreSanitized() {
    assertThat(Telemetry.sanitize(null))
        .isEqualTo(io.heapwarden.agent.config.TelemetrySettings.DEFAULTS);
    assertThat(
            Telemetry.sanitize(
                    new io.heapwarden.agent.config.TelemetrySettings(
                        Duration.ofMillis(1), true, false, true, Duration.ZERO))
                .interval())
        .isEqualTo(Telemetry.MIN_INTERVAL);
    assertThat(
            Telemetry.sanitize(
                    new io.heapwarden.agent.config.TelemetrySettings(
                        Duration.ZERO, true, false, true, Duration.ZERO))
                .interval())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void eachIncidentGetsOneLogLineAtItsLevel() {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();

    telemetry.agentStarted(Duration.ofMillis(42), 3, "heapwarden.yaml");
    telemetry.configReloaded(
        "heapwarden.yaml", List.of("com.example.Cache.entries max-entries 1000 -> 2000"));
    telemetry.configRejected(
        "heapwarden.yaml", List.of(problem(4, "collections[0].max-entries", "must be positive")));
    telemetry.restartNeeded("heapwarden.yaml", List.of("new rule field com.example.Other.map"));

    assertThat(log.heads())
        .containsExactly(
            "[heapwarden] INFO started in 42 ms with 3 rules from heapwarden.yaml",
            "[heapwarden] INFO reloaded heapwarden.yaml:"
                + " com.example.Cache.entries max-entries 1000 -> 2000",
            "[heapwarden] WARN invalid configuration in heapwarden.yaml; keeping the last good"
                + " config: heapwarden.yaml:4:3: collections[0].max-entries: must be positive",
            "[heapwarden] WARN heapwarden.yaml: 1 change takes effect only after a restart:"
                + " new rule field com.example.Other.map");
  }

  @Test
  void aFailedRuleIsAnErrorNamingTheRuleAndTheFailureOnce() {
    Telemetry telemetry = telemetry(manualTicks());

    telemetry.ruleFailed(cache, new IllegalStateException("hook broke"));

    List<String> lines = log.lines();
    assertThat(lines.get(0))
        .isEqualTo(
            "[heapwarden] ERROR rule com.example.Cache.entries (collection) failed and is now"
                + " disabled; the service's calls go on unchanged");
    assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: hook broke");
    assertThat(lines.get(2)).startsWith("\tat ");
    assertThat(lines).filteredOn(line -> line.contains("hook broke")).hasSize(1);
  }

  @Test
  void aFailedTransformIsWarnedOncePerClass() {
    Telemetry telemetry = telemetry(manualTicks());

    telemetry.transformFailed("com/example/Foo", new IllegalArgumentException("bad frame"));
    telemetry.transformFailed("com/example/Foo", new IllegalArgumentException("bad frame"));
    telemetry.transformFailed("com/example/Bar", new IllegalArgumentException("bad frame"));

    assertThat(log.heads())
        .containsExactly(
            "[heapwarden] WARN could not rewrite com.example.Foo; it loads unchanged",
            "[heapwarden] WARN could not rewrite com.example.Bar; it loads unchanged");
    assertThat(telemetry.counters().transformFailures()).isEqualTo(3);
  }

  @Test
  void countsReloadsAndRejections() {
    Telemetry telemetry = telemetry(manualTicks());

    telemetry.configReloaded("a", List.of());
    telemetry.configReloaded("a", List.of("x"));
    telemetry.configRejected("a", List.of(problem(1, "k", "m")));

    assertThat(telemetry.counters().configReloads()).isEqualTo(2);
    assertThat(telemetry.counters().configRejections()).isEqualTo(1);
  }

  @Test
  void incidentsBeforeStartReachJfrOnceItStarts() {
    Telemetry telemetry = telemetry(manualTicks());
    IllegalStateException failure = new IllegalStateException("early");

    telemetry.ruleFailed(cache, failure);
    telemetry.transformFailed("com/example/Early", failure);
    assertThat(jfr.incidents).isEmpty();
    assertThat(log.heads()).hasSize(2); // the log does not wait

    telemetry.startBackground();
    telemetry.agentStarted(Duration.ofMillis(5), 2, "heapwarden.yaml");

    assertThat(jfr.incidents)
        .containsExactly(
            new Incident.RuleFailed(cache, failure),
            new Incident.TransformFailed("com.example.Early", failure),
            new Incident.AgentStarted(Duration.ofMillis(5), 2, "heapwarden.yaml"));
  }

  @Test
  void earlyIncidentsWaitForTheFirstRecording() throws Exception {
    fakeJfr.recording = false; // as with -XX:StartFlightRecording, which starts after premain
    Telemetry telemetry = telemetry(manualTicks());
    IllegalStateException failure = new IllegalStateException("early");
    telemetry.ruleFailed(cache, failure);

    telemetry.startBackground();
    telemetry.agentStarted(Duration.ofMillis(5), 2, "heapwarden.yaml");
    telemetry.awaitBackground();
    assertThat(jfr.incidents).isEmpty();

    fakeJfr.startRecording();
    telemetry.awaitBackground();
    telemetry.configReloaded("heapwarden.yaml", List.of("a"));

    assertThat(jfr.incidents)
        .containsExactly(
            new Incident.RuleFailed(cache, failure),
            new Incident.AgentStarted(Duration.ofMillis(5), 2, "heapwarden.yaml"),
            new Incident.ConfigReloaded("heapwarden.yaml", List.of("a")));
    assertThat(jfr.threads).startsWith("heapwarden-telemetry", "heapwarden-telemetry");
  }

  @Test
  void earlyIncidentsWaitOnlySoLongForARecording() throws Exception {
    fakeJfr.recording = false;
    Telemetry telemetry =
        telemetry(
            manualTicks(),
            new Telemetry.Setup().jfr(fakeJfr).jfrModule(() -> true).earlyWindow(Duration.ZERO));
    telemetry.agentStarted(Duration.ofMillis(5), 2, "heapwarden.yaml");

    telemetry.startBackground();
    telemetry.awaitBackground();
    fakeJfr.startRecording();
    telemetry.awaitBackground();
    telemetry.configReloaded("heapwarden.yaml", List.of("a"));

    assertThat(jfr.incidents)
        .containsExactly(new Incident.ConfigReloaded("heapwarden.yaml", List.of("a")));
  }

  @Test
  void theEarlyBufferIsBounded() {
    Telemetry telemetry = telemetry(manualTicks());
    for (int i = 0; i < JfrOutput.EARLY_INCIDENTS + 10; i++) {
      telemetry.configReloaded("heapwarden.yaml", List.of("change " + i));
    }

    telemetry.startBackground();

    assertThat(jfr.incidents).hasSize(JfrOutput.EARLY_INCIDENTS);
    assertThat(log.heads())
        .contains(
            "[heapwarden] INFO 10 incidents reported before the first JFR recording started are"
                + " not in it");
  }

  @Test
  void jfrOffByConfigIsOneInfoLine() {
    Telemetry telemetry =
        telemetry(
            config(Duration.ofHours(1), false, true),
            new Telemetry.Setup().jfrModule(() -> true).jfr(fakeJfr));
    telemetry.ruleFailed(cache, new IllegalStateException("x"));

    telemetry.startBackground();
    telemetry.startBackground();
    telemetry.agentStarted(Duration.ofMillis(1), 2, "heapwarden.yaml");

    assertThat(fakeJfr.starts).hasValue(0);
    assertThat(jfr.incidents).isEmpty();
    assertThat(log.heads())
        .filteredOn(line -> line.contains("JFR"))
        .containsExactly("[heapwarden] INFO JFR events are off (telemetry.jfr: false)");
  }

  @Test
  void jfrIsOffWithoutTheJdkJfrModule() {
    Telemetry telemetry =
        telemetry(manualTicks(), new Telemetry.Setup().jfrModule(() -> false).jfr(fakeJfr));

    telemetry.startBackground();

    assertThat(fakeJfr.starts).hasValue(0);
    assertThat(telemetry.jfrRunning()).isFalse();
    assertThat(log.heads())
        .containsExactly(
            "[heapwarden] INFO JFR events are off (this Java runtime has no jdk.jfr module)");
  }

  @Test
  void jfrCanBeSwitchedLive() throws Exception {
    Telemetry telemetry = telemetry(config(Duration.ofHours(1), false, false));
    telemetry.startBackground();
    telemetry.configReloaded("heapwarden.yaml", List.of("a"));
    assertThat(jfr.incidents).isEmpty();

    telemetry.reconfigure(config(Duration.ofHours(1), true, false));
    telemetry.awaitBackground();
    telemetry.configReloaded("heapwarden.yaml", List.of("b"));
    assertThat(jfr.incidents)
        .containsExactly(new Incident.ConfigReloaded("heapwarden.yaml", List.of("b")));

    telemetry.reconfigure(config(Duration.ofHours(1), false, false));
    telemetry.configReloaded("heapwarden.yaml", List.of("c"));
    assertThat(jfr.incidents).hasSize(1);
    assertThat(log.heads())
        .filteredOn(line -> line.contains("JFR"))
        .containsExactly(
            "[heapwarden] INFO JFR events are off (telemetry.jfr: false)",
            "[heapwarden] INFO JFR events are off (telemetry.jfr: false)");
  }

  @Test
  void aThrowingSinkNeverReachesTheCallerNorTheOtherSinks() {
    Telemetry telemetry =
        telemetry(
            manualTicks(),
            new Telemetry.Setup()
                .jfrModule(() -> true)
                .jfr(new FakeJfr(new ThrowingSink()))
                .sinks(new ThrowingSink(), sink));
    IllegalStateException failure = new IllegalStateException("x");

    assertThatCode(
            () -> {
              telemetry.ruleFailed(cache, failure);
              telemetry.startBackground();
              telemetry.agentStarted(Duration.ofMillis(1), 2, "s");
              telemetry.configReloaded("s", List.of("a"));
              telemetry.configRejected("s", List.of(problem(1, "k", "m")));
              telemetry.restartNeeded("s", List.of("b"));
              telemetry.transformFailed("com/example/C", failure);
              cache.count(Action.EVICTED);
              clock.advanceSeconds(10);
              telemetry.tick();
              telemetry.reconfigure(config(Duration.ofSeconds(5), true, true));
              telemetry.classLoaded("io/micrometer/core/instrument/Metrics", null);
            })
        .doesNotThrowAnyException();

    assertThat(sink.incidents).hasSize(6);
    assertThat(sink.reports).hasSize(1);
    assertThat(log.heads())
        .filteredOn(line -> line.contains("telemetry sink failed"))
        .hasSize(2); // once for the throwing extra sink, once for the throwing JFR sink
  }

  @Test
  void aThrowingJfrStartTurnsJfrOff() {
    Telemetry telemetry =
        telemetry(
            manualTicks(),
            new Telemetry.Setup()
                .jfrModule(() -> true)
                .jfr(
                    new FakeJfr(jfr) {
                      @Override
                      public TelemetrySink start(Runnable atChunkEnd) {
                        throw new NoClassDefFoundError("jdk/jfr/Event");
                      }
                    }));

    assertThatCode(telemetry::startBackground).doesNotThrowAnyException();
    assertThat(telemetry.jfrRunning()).isFalse();
    assertThat(log.heads())
        .containsExactly("[heapwarden] WARN JFR events are off: Flight Recorder failed to start");
  }

  @Test
  void aThrowingRuleSourceDoesNotStopTheTick() {
    Telemetry telemetry =
        Telemetry.create(
            manualTicks(),
            new Telemetry.Setup()
                .rules(
                    () -> {
                      throw new IllegalStateException("no table");
                    })
                .clock(clock::now)
                .log(log.output)
                .jfrModule(() -> false));
    created.add(telemetry);

    assertThatCode(telemetry::tick).doesNotThrowAnyException();
    assertThat(log.heads()).containsExactly("[heapwarden] WARN telemetry failed in aggregator");
  }

  @Test
  void nullArgumentsAreTolerated() {
    Telemetry telemetry = telemetry(manualTicks());

    assertThatCode(
            () -> {
              telemetry.agentStarted(null, 0, null);
              telemetry.configReloaded(null, null);
              telemetry.configRejected(null, null);
              telemetry.restartNeeded(null, null);
              telemetry.ruleFailed(null, null);
              telemetry.transformFailed(null, null);
              telemetry.classLoaded(null, null);
              telemetry.reconfigure(null);
            })
        .doesNotThrowAnyException();
  }

  @Test
  void otherClassesAreIgnored() throws Exception {
    Telemetry telemetry =
        telemetry(
            manualTicks(), new Telemetry.Setup().jfrModule(() -> false).bindDelay(Duration.ZERO));
    telemetry.startBackground();

    telemetry.classLoaded("io/micrometer/core/instrument/MetricsX", getClass().getClassLoader());
    telemetry.classLoaded("java/lang/String", null);
    telemetry.awaitBackground();

    assertThat(telemetry.micrometerBound(getClass().getClassLoader())).isFalse();
  }
}
