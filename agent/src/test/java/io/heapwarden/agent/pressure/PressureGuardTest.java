package io.heapwarden.agent.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.PressureSettings;
import io.heapwarden.agent.telemetry.PressureReadings;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.BoundedCollections;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import io.heapwarden.bootstrap.sessions.SessionMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard's decisions, driven through the container path: a fixture {@code /proc/self/status}
 * whose RSS the test sets, measured against a configured {@code limit:} of 1000 MiB.
 */
class PressureGuardTest {
  private static final long MIB = 1 << 20;

  @TempDir Path root;
  private final Recorder events = new Recorder();
  private final AtomicLong clock = new AtomicLong(1);
  private final List<Rule> rules = new ArrayList<>();
  private final List<Integer> exits = new ArrayList<>();
  private Rule rule;

  @BeforeEach
  void setUp() throws IOException {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = 100;
    rule = new Rule(0, "test.Cache.entries", RuleKind.COLLECTION, limits);
    rules.add(rule);
    rss(100 * MIB);
  }

  @AfterEach
  void tearDown() {
    MemoryPressure.endEmergency();
  }

  private void rss(long bytes) throws IOException {
    Path status = root.resolve("proc/self/status");
    Files.createDirectories(status.getParent());
    Files.writeString(status, "Name:\tjava\nVmRSS:\t" + bytes / 1024 + " kB\n");
  }

  private static PressureSettings settings(boolean gc, Duration minInterval) {
    PressureSettings d = PressureSettings.OFF;
    return new PressureSettings(
        true,
        d.heapWarn(),
        d.heapCritical(),
        0.80,
        0.90,
        1000 * MIB,
        0.50,
        Duration.ofSeconds(5),
        gc,
        false,
        minInterval,
        null,
        d.heapDumpOn(),
        0.50, // the floor at trim-to: no escalation in these tests
        null);
  }

  private PressureGuard guard(PressureSettings settings) {
    return new PressureGuard(
        settings,
        null,
        new ContainerWatcher(CgroupMemory.locate(root), new ProcessRss(root)),
        new GcNudge(DiagnosticCommands.detect()),
        new HeapDumper(),
        events,
        () -> rules,
        clock::get,
        status -> exits.add(status));
  }

  @SuppressWarnings("unchecked")
  private <M extends Map<Integer, byte[]>> M bounded(M original) {
    for (int i = 0; i < 100; i++) {
      original.put(i, new byte[1]);
    }
    return (M) BoundedCollections.boundOrKeep(original, rule, true);
  }

  @Test
  void criticalTrimsThreadSafeCollectionsAtOnceAndScalesBoundsUntilNormal() throws IOException {
    Map<Integer, byte[]> concurrent = bounded(new ConcurrentHashMap<>());
    Map<Integer, byte[]> plain = bounded(new HashMap<>());
    PressureGuard guard = guard(settings(false, Duration.ofSeconds(30)));

    assertThat(guard.check()).as("the container is watched: ticks").isTrue();
    assertThat(guard.level()).isEqualTo(PressureLevel.NORMAL);
    assertThat(events.lines)
        .containsExactly(
            "note: container memory: process RSS against"
                + " pressure.container.limit 1000 MiB (no memory cgroup)");

    rss(950 * MIB);
    guard.check();

    assertThat(guard.level()).isEqualTo(PressureLevel.CRITICAL);
    assertThat(MemoryPressure.boundPercent()).isEqualTo(50);
    assertThat(MemoryPressure.idleTimeoutNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
    assertThat(concurrent).hasSize(50);
    assertThat(plain).as("not thread-safe: left to the service's next write").hasSize(100);
    assertThat(events.lines)
        .contains(
            "level: CRITICAL was NORMAL (container) used=996147200 limit=1048576000",
            "trim: collections=1 sessions=0 dropped=50 deferred=1");
    assertThat(events.lines).noneMatch(line -> line.startsWith("nudge"));

    plain.put(1000, new byte[1]); // the service's own write shrinks it to the scaled bound
    assertThat(plain).hasSize(50);

    rss(870 * MIB); // below critical but within the margin: still critical
    guard.check();
    assertThat(guard.level()).isEqualTo(PressureLevel.CRITICAL);

    rss(780 * MIB);
    guard.check();
    assertThat(guard.level()).isEqualTo(PressureLevel.WARN);
    assertThat(MemoryPressure.boundPercent()).as("the emergency lasts until normal").isEqualTo(50);

    rss(500 * MIB);
    guard.check();
    assertThat(guard.level()).isEqualTo(PressureLevel.NORMAL);
    assertThat(MemoryPressure.boundPercent()).as("until min-interval of normal").isEqualTo(50);
    clock.addAndGet(Duration.ofSeconds(30).toNanos());
    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(100);
    assertThat(MemoryPressure.idleTimeoutNanos()).isEqualTo(MemoryPressure.NO_IDLE_OVERRIDE);
  }

  @Test
  void threadSafeSessionStoresAreTrimmedToTheScaledMaxSessions() throws IOException {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = 100;
    Rule sessions = new Rule(1, "test.Chat.histories", RuleKind.SESSION, limits);
    rules.add(sessions);
    @SuppressWarnings("unchecked")
    Map<String, String> store =
        (Map<String, String>) SessionMaps.boundOrKeep(new ConcurrentHashMap<>(), sessions);
    for (int i = 0; i < 100; i++) {
      store.put("s" + i, "v");
    }
    PressureGuard guard = guard(settings(false, Duration.ofSeconds(30)));
    rss(950 * MIB);

    guard.check();

    assertThat(store).hasSize(50);
    assertThat(events.lines).contains("trim: collections=0 sessions=1 dropped=50 deferred=0");
  }

  @Test
  void gcNudgesAreRateLimitedByMinInterval() throws IOException {
    PressureGuard guard = guard(settings(true, Duration.ofSeconds(30)));
    rss(950 * MIB);

    guard.check();
    clock.addAndGet(Duration.ofSeconds(10).toNanos());
    guard.check();
    assertThat(events.count("nudge")).isEqualTo(1);

    clock.addAndGet(Duration.ofSeconds(25).toNanos());
    guard.check(); // still critical 35 s after the first: again
    assertThat(events.count("nudge")).isEqualTo(2);
    assertThat(events.count("trim")).isEqualTo(2);
    assertThat(events.lines)
        .contains("nudge: mechanism=DiagnosticCommand GC.run, heap free ratio 10-30%");
  }

  @Test
  void aContainerGrowingOnWhileCriticalIsNudgedAgainBeforeMinInterval() throws IOException {
    PressureGuard guard = guard(settings(true, Duration.ofSeconds(30)));
    rss(950 * MIB);
    guard.check(); // critical: trim and nudge; the nudge frees nothing here (RSS is the file's)
    assertThat(events.count("nudge")).isEqualTo(1);

    advance(100);
    rss(990 * MIB);
    guard.check(); // 4 points above what the nudge left: min-interval holds
    assertThat(events.count("nudge")).isEqualTo(1);

    advance(100);
    rss(1000 * MIB);
    guard.check(); // 5 points: what the service's writes evicted needs a collection now
    assertThat(events.count("nudge")).isEqualTo(2);
    assertThat(events.count("trim")).isEqualTo(2);

    advance(100);
    rss(1020 * MIB);
    guard.check(); // 2 points above what the second nudge left: min-interval again
    assertThat(events.count("nudge")).isEqualTo(2);
  }

  @Test
  void anOutOfMemoryErrorInACheckScalesTheBoundsAtOnceAndTheGuardGoesOn() throws IOException {
    Recorder outOfHeapOnce =
        new Recorder() {
          boolean thrown;

          @Override
          public void note(boolean warning, String message, Throwable failure) {
            if (!thrown) {
              thrown = true;
              throw new OutOfMemoryError("Java heap space");
            }
            super.note(warning, message, failure);
          }
        };
    PressureGuard guard =
        new PressureGuard(
            settings(false, Duration.ofSeconds(30)),
            null,
            new ContainerWatcher(CgroupMemory.locate(root), new ProcessRss(root)),
            new GcNudge(DiagnosticCommands.detect()),
            new HeapDumper(),
            outOfHeapOnce,
            () -> rules,
            clock::get,
            status -> exits.add(status));

    assertThat(guard.checkGuarded()).isTrue(); // the first note of the check runs out of heap

    assertThat(MemoryPressure.boundPercent()).as("trim-to, before any report").isEqualTo(50);
    assertThat(outOfHeapOnce.lines)
        .containsExactly("note: the memory pressure guard failed a check; it keeps trying");
    rss(950 * MIB); // the guard goes on: the next check sees the container critical
    guard.checkGuarded();
    assertThat(guard.level()).isEqualTo(PressureLevel.CRITICAL);
  }

  @Test
  void withoutALimitTheContainerIsNotWatched() {
    PressureSettings noLimit =
        new PressureSettings(
            true,
            0.75,
            0.90,
            0.80,
            0.90,
            Limit.UNSET,
            0.5,
            Duration.ofMinutes(1),
            true,
            true,
            Duration.ofSeconds(30),
            null,
            PressureSettings.HeapDumpOn.CRITICAL,
            0.10,
            null);
    PressureGuard guard =
        new PressureGuard(
            noLimit,
            null,
            new ContainerWatcher(null, new ProcessRss(root)),
            new GcNudge(DiagnosticCommands.detect()),
            new HeapDumper(),
            events,
            () -> rules,
            clock::get,
            status -> exits.add(status));

    guard.check();
    guard.check();

    assertThat(events.lines)
        .containsExactly(
            "note: container memory: off: no memory cgroup and pressure.container.limit is not"
                + " set");
    assertThat(guard.level()).isEqualTo(PressureLevel.NORMAL);
  }

  @Test
  void aReloadWithoutTheSectionEndsTheEmergency() throws IOException {
    PressureGuard guard = guard(settings(false, Duration.ofSeconds(30)));
    rss(950 * MIB);
    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(50);

    guard.reconfigure(PressureSettings.OFF);

    assertThat(guard.check()).as("off: sleeps until woken").isFalse();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(100);
    assertThat(guard.level()).isEqualTo(PressureLevel.NORMAL);
  }

  @Test
  void aReloadedLimitAppliesAtTheNextCheck() throws IOException {
    PressureGuard guard = guard(settings(false, Duration.ofSeconds(30)));
    rss(850 * MIB);
    guard.check();
    assertThat(guard.level()).isEqualTo(PressureLevel.WARN);

    PressureSettings s = settings(false, Duration.ofSeconds(30));
    guard.reconfigure(
        new PressureSettings(
            true,
            s.heapWarn(),
            s.heapCritical(),
            s.containerWarn(),
            s.containerCritical(),
            900 * MIB,
            s.trimTo(),
            s.idleTimeout(),
            false,
            false,
            s.minInterval(),
            null,
            s.heapDumpOn(),
            s.trimFloor(),
            null));
    guard.check();

    assertThat(guard.level()).isEqualTo(PressureLevel.CRITICAL);
  }

  /** Escalating settings: trim-to 50%, down to a 10% floor, a GC nudge, min-interval 1 s. */
  private static PressureSettings escalating(Duration exitAfter, String heapDump) {
    PressureSettings d = settings(true, Duration.ofSeconds(1));
    return new PressureSettings(
        true,
        d.heapWarn(),
        d.heapCritical(),
        d.containerWarn(),
        d.containerCritical(),
        d.containerLimit(),
        0.50,
        d.idleTimeout(),
        true,
        false,
        Duration.ofSeconds(1),
        heapDump,
        d.heapDumpOn(),
        0.10,
        exitAfter);
  }

  private void advance(long millis) {
    clock.addAndGet(Duration.ofMillis(millis).toNanos());
  }

  @Test
  void stillCriticalAfterATrimAndACollectionTheBoundsHalveDownToTheFloorAndComeBackStepByStep()
      throws IOException {
    Map<Integer, byte[]> plain = bounded(new HashMap<>());
    PressureGuard guard = guard(escalating(null, null));
    rss(950 * MIB);

    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(50);
    plain.put(1000, new byte[1]); // the service's own write: no agent thread touches the map
    assertThat(plain).hasSize(50);

    advance(20);
    guard.check(); // too soon after the change for a collection to judge it
    assertThat(MemoryPressure.boundPercent()).isEqualTo(50);
    advance(100);
    guard.check(); // no collection since the change: the guard runs one
    assertThat(events.count("nudge")).isEqualTo(2);
    advance(1);
    guard.check(); // still critical after it
    assertThat(MemoryPressure.boundPercent()).isEqualTo(25);
    plain.put(1001, new byte[1]);
    assertThat(plain).hasSize(25);

    for (int i = 0; i < 6; i++) {
      advance(150);
      guard.check();
    }
    assertThat(MemoryPressure.boundPercent()).as("the floor").isEqualTo(10);
    plain.put(1002, new byte[1]);
    assertThat(plain).hasSize(10);
    assertThat(events.lines)
        .contains(
            "bounds: 100% -> 50% (critical) test.Cache.entries 100 -> 50",
            "bounds: 50% -> 25% (still critical after a trim and a collection)"
                + " test.Cache.entries 50 -> 25",
            "bounds: 25% -> 12% (still critical after a trim and a collection)"
                + " test.Cache.entries 25 -> 12",
            "bounds: 12% -> 10% (still critical after a trim and a collection)"
                + " test.Cache.entries 12 -> 10");
    assertThat(PressureReadings.boundPercent()).isEqualTo(10);

    rss(500 * MIB); // normal: back up a step each min-interval (1 s) of normal pressure
    guard.check();
    assertThat(guard.level()).isEqualTo(PressureLevel.NORMAL);
    assertThat(MemoryPressure.boundPercent()).isEqualTo(10);
    advance(1000);
    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(12);
    advance(400);
    rss(850 * MIB); // warn for a while: no step up
    guard.check();
    advance(1000);
    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(12);
    rss(500 * MIB);
    guard.check();
    advance(999);
    guard.check();
    assertThat(MemoryPressure.boundPercent()).as("normal for less than the hold").isEqualTo(12);
    advance(1);
    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(25);
    advance(1000);
    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(50);
    advance(1000);
    guard.check();
    assertThat(MemoryPressure.boundPercent()).isEqualTo(100);
    assertThat(events.lines)
        .contains("bounds: 50% -> 100% (normal again) test.Cache.entries 50 -> 100");
    assertThat(exits).isEmpty();
  }

  @Test
  void criticalAtTheFloorForExitAfterWritesAHistogramAndExitsWith75() throws IOException {
    Path dumpDir = Files.createDirectories(root.resolve("dumps"));
    HeapDumper dumper = new HeapDumper();
    Path existing = Files.createFile(dumpDir.resolve("taken.hprof"));
    try {
      dumper.dump(existing); // the one dump of the process was attempted already
    } catch (IOException expected) {
      // it exists: not overwritten
    }
    PressureGuard guard =
        new PressureGuard(
            escalating(Duration.ofSeconds(5), dumpDir.resolve("heap-%p.hprof").toString()),
            null,
            new ContainerWatcher(CgroupMemory.locate(root), new ProcessRss(root)),
            new GcNudge(DiagnosticCommands.detect()),
            dumper,
            events,
            () -> rules,
            clock::get,
            status -> exits.add(status));
    rss(950 * MIB);
    for (int i = 0; i < 12 && MemoryPressure.boundPercent() > 10; i++) {
      guard.check();
      advance(150);
    }
    assertThat(MemoryPressure.boundPercent()).isEqualTo(10);
    guard.check();
    advance(4_000);
    guard.check();
    assertThat(exits).as("4 s at the floor").isEmpty();

    advance(1_000);
    guard.check();

    assertThat(exits).containsExactly(LastResort.EXIT_STATUS);
    Path histogram =
        dumpDir.resolve("heapwarden-histogram-" + ProcessHandle.current().pid() + ".txt");
    assertThat(Files.readString(histogram)).contains("num", "#instances", "java.lang.String");
    assertThat(events.lines)
        .contains(
            "exit: memory pressure CRITICAL for 5 s with bounds at their floor (10%): stopping the"
                + " JVM with exit status 75 (pressure.on-critical.exit-after) so that it is"
                + " restarted; class histogram in "
                + histogram);
    guard.check();
    assertThat(exits).as("once").hasSize(1);
  }

  /** Records what the guard reports, one line each. */
  static class Recorder implements PressureEvents {
    final List<String> lines = new ArrayList<>();

    long count(String prefix) {
      return lines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    @Override
    public void levelChanged(
        PressureLevel level,
        PressureLevel previous,
        String cause,
        long heapUsed,
        long heapMax,
        long workingSet,
        long limit,
        long rss) {
      lines.add(
          "level: "
              + level
              + " was "
              + previous
              + " ("
              + cause
              + ") used="
              + workingSet
              + " limit="
              + limit);
    }

    @Override
    public void gcNudged(GcNudge.Result result) {
      lines.add("nudge: mechanism=" + result.mechanism());
    }

    @Override
    public void emergencyTrimmed(EmergencyTrim.Result result) {
      lines.add(
          "trim: collections="
              + result.collections()
              + " sessions="
              + result.sessions()
              + " dropped="
              + result.dropped()
              + " deferred="
              + result.deferred());
    }

    @Override
    public void boundsScaled(
        int before, int after, String reason, String bounds, long heapUsed, long heapMax) {
      lines.add("bounds: " + before + "% -> " + after + "% (" + reason + ") " + bounds);
    }

    @Override
    public void exiting(String message) {
      lines.add("exit: " + message);
    }

    @Override
    public void note(boolean warning, String message, Throwable failure) {
      lines.add("note: " + message);
    }
  }
}
