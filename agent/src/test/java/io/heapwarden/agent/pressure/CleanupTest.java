package io.heapwarden.agent.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.PressureSettings;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.collections.BoundedCollections;
import io.heapwarden.bootstrap.pressure.MemoryPressure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /cleanup}'s trim and collection, alone and through the guard's thread. */
class CleanupTest {
  @TempDir Path root;
  private final PressureGuardTest.Recorder events = new PressureGuardTest.Recorder();
  private Rule rule;

  @BeforeEach
  void setUp() {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = 100;
    rule = new Rule(0, "test.Cache.entries", RuleKind.COLLECTION, limits);
  }

  @AfterEach
  void tearDown() {
    MemoryPressure.endEmergency();
  }

  @SuppressWarnings("unchecked")
  private <M extends Map<Integer, byte[]>> M bounded(M original) {
    for (int i = 0; i < 100; i++) {
      original.put(i, new byte[1]);
    }
    return (M) BoundedCollections.boundOrKeep(original, rule, true);
  }

  @Test
  void outsideAnEmergencyTrimsToTrimToThenRestoresTheBounds() {
    Map<Integer, byte[]> concurrent = bounded(new ConcurrentHashMap<>());
    Map<Integer, byte[]> plain = bounded(new HashMap<>());

    CleanupResult result =
        Cleanup.run(
            PressureSettings.OFF, List.of(rule), new GcNudge(null), () -> -1, false, events);

    assertThat(result.boundPercent()).isEqualTo(50);
    assertThat(result.collections()).isEqualTo(1);
    assertThat(result.dropped()).isEqualTo(50);
    assertThat(result.deferred()).isEqualTo(1);
    assertThat(result.mechanism()).startsWith("System.gc"); // no diagnostic commands looked up
    assertThat(concurrent).hasSize(50);
    assertThat(plain).as("not thread-safe: not the agent's to touch").hasSize(100);
    assertThat(MemoryPressure.boundPercent()).as("no emergency left behind").isEqualTo(100);
    plain.put(1000, new byte[1]);
    assertThat(plain).as("its next write sees the configured bound").hasSize(100);
    assertThat(events.lines).hasSize(2);
    assertThat(events.lines.get(0))
        .isEqualTo("trim: collections=1 sessions=0 dropped=50 deferred=1");
    // the heap free ratios are lowered for the collection where the JVM lets them be
    assertThat(events.lines.get(1)).startsWith("nudge: mechanism=System.gc");
  }

  @Test
  void duringAnEmergencyTrimsToTheShareInForceAndLeavesIt() {
    Map<Integer, byte[]> concurrent = bounded(new ConcurrentHashMap<>());
    MemoryPressure.enterEmergency(30, Duration.ofSeconds(5).toNanos());

    CleanupResult result =
        Cleanup.run(PressureSettings.OFF, List.of(rule), new GcNudge(null), () -> -1, true, events);

    assertThat(result.boundPercent()).isEqualTo(30);
    assertThat(concurrent).hasSize(30);
    assertThat(MemoryPressure.boundPercent()).isEqualTo(30);
  }

  @Test
  void theGuardServesARequestOnItsThreadAndReadsAgainBeforeAnswering() throws Exception {
    Map<Integer, byte[]> concurrent = bounded(new ConcurrentHashMap<>());
    PressureGuard guard =
        new PressureGuard(
            PressureSettings.OFF, // no pressure: section, as after a reload that removed it
            null,
            new ContainerWatcher(CgroupMemory.locate(root), new ProcessRss(root)),
            new GcNudge(DiagnosticCommands.detect()),
            new HeapDumper(),
            events,
            () -> List.of(rule),
            new AtomicLong(1)::get,
            status -> {});

    CompletableFuture<CleanupResult> done = guard.requestCleanup();
    assertThat(done).isNotDone();
    guard.serveCleanups();

    CleanupResult result = done.get(10, TimeUnit.SECONDS);
    assertThat(result.dropped()).isEqualTo(50);
    assertThat(result.mechanism()).startsWith("DiagnosticCommand GC.run");
    assertThat(concurrent).hasSize(50);
    assertThat(MemoryPressure.boundPercent()).isEqualTo(100);
  }
}
