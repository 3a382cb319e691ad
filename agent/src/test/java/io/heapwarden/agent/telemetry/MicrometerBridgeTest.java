package io.heapwarden.agent.telemetry;

import static io.heapwarden.agent.telemetry.Fixtures.collection;
import static io.heapwarden.agent.telemetry.Fixtures.config;
import static io.heapwarden.agent.telemetry.Fixtures.instance;
import static io.heapwarden.agent.telemetry.Fixtures.manualTicks;
import static io.heapwarden.agent.telemetry.Fixtures.problem;
import static io.heapwarden.agent.telemetry.Fixtures.singleton;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.telemetry.Fixtures.CapturedLog;
import io.heapwarden.agent.telemetry.Fixtures.Clock;
import io.heapwarden.agent.telemetry.micrometer.MicrometerBridge;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge against the real Micrometer on the test class path, through its global registry. */
class MicrometerBridgeTest {
  private static final String METRICS = "io/micrometer/core/instrument/Metrics";

  private final Clock clock = new Clock();
  private final CapturedLog log = new CapturedLog(clock);
  private final Rule cache = collection(0, "com.example.Cache.entries");
  private final Rule pool = singleton(1, "com.example.Pool.connection");
  private final Rule sessions = instance(2, "com.example.Session");
  private final List<Rule> rules = List.of(cache, pool, sessions);
  private final ClassLoader loader = Metrics.class.getClassLoader();
  private final List<Telemetry> created = new ArrayList<>();
  private SimpleMeterRegistry registry;

  @BeforeEach
  void addRegistry() {
    Metrics.globalRegistry.clear();
    registry = new SimpleMeterRegistry();
    Metrics.addRegistry(registry);
  }

  @AfterEach
  void removeRegistry() {
    created.forEach(Telemetry::close);
    Metrics.removeRegistry(registry);
    Metrics.globalRegistry.clear();
    registry.close();
  }

  private Telemetry telemetry(io.heapwarden.agent.config.AgentConfig config) {
    Telemetry telemetry =
        Telemetry.create(
            config,
            new Telemetry.Setup()
                .rules(() -> rules)
                .clock(clock::now)
                .log(log.output)
                .jfrModule(() -> false)
                .bindDelay(Duration.ZERO));
    created.add(telemetry);
    return telemetry;
  }

  private double counter(String name, Rule rule) {
    return registry.get(name).tag("rule", rule.name()).functionCounter().count();
  }

  @Test
  void registersRuleMetersNamedByKindAndTaggedByRule() throws Exception {
    AgentCounters counters = new AgentCounters();
    int registered = new MicrometerBridge(() -> rules, counters).bind(loader);

    List<String> ruleMeters =
        registry.getMeters().stream()
            .filter(meter -> meter.getId().getTag("rule") != null)
            .map(meter -> meter.getId().getName() + " " + meter.getId().getTag("rule"))
            .collect(Collectors.toList());
    assertThat(ruleMeters)
        .containsExactlyInAnyOrder(
            "heapwarden.collection.evictions com.example.Cache.entries",
            "heapwarden.collection.trims com.example.Cache.entries",
            "heapwarden.collection.size com.example.Cache.entries",
            "heapwarden.rule.failures com.example.Cache.entries",
            "heapwarden.singleton.created com.example.Pool.connection",
            "heapwarden.singleton.reused com.example.Pool.connection",
            "heapwarden.rule.failures com.example.Pool.connection",
            "heapwarden.rule.failures com.example.Session");
    // 8 rule meters, 7 agent meters, 6 memory pressure gauges and 2 counters
    assertThat(registry.getMeters()).hasSize(registered).hasSize(23);
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getDescription()).isNotBlank();
      assertThat(meter.getId().getBaseUnit()).isNotBlank();
      if (meter.getId().getTag("rule") != null) {
        assertThat(meter.getId().getTags()).hasSize(1);
        // counters of what rules did, and one gauge of what collection rules hold
        assertThat(meter)
            .isInstanceOf(
                meter.getId().getName().equals("heapwarden.collection.size")
                    ? io.micrometer.core.instrument.Gauge.class
                    : FunctionCounter.class);
      }
    }
    FunctionCounter evictions = registry.get("heapwarden.collection.evictions").functionCounter();
    assertThat(evictions.getId().getTags())
        .containsExactly(Tag.of("rule", "com.example.Cache.entries"));
    assertThat(evictions.getId().getBaseUnit()).isEqualTo("evictions");
    assertThat(registry.get("heapwarden.singleton.created").functionCounter().getId().getBaseUnit())
        .isEqualTo("instances");
    // the guard's latest readings (static: whatever an earlier test in this JVM left)
    assertThat(registry.get("heapwarden.pressure.level").gauge().value())
        .isEqualTo(PressureReadings.level());
    assertThat(registry.get("heapwarden.pressure.heap.after.gc").gauge().getId().getBaseUnit())
        .isEqualTo("bytes");
    assertThat(registry.get("heapwarden.pressure.working.set").gauge().value())
        .isEqualTo(PressureReadings.workingSet());
    assertThat(registry.get("heapwarden.pressure.limit").gauge().value())
        .isEqualTo(PressureReadings.limit());
    assertThat(registry.get("heapwarden.pressure.bound.percent").gauge().value())
        .isEqualTo(PressureReadings.boundPercent());
    assertThat(registry.get("heapwarden.pressure.escalations").functionCounter().count())
        .isEqualTo(PressureReadings.escalations());
    assertThat(registry.get("heapwarden.pressure.gc.nudges").functionCounter().count())
        .isEqualTo(PressureReadings.gcNudges());
  }

  @Test
  void sessionRulesCountEvictionsByReasonAndGaugeActiveSessions() throws Exception {
    long[] limits = io.heapwarden.bootstrap.Rule.noLimits();
    limits[io.heapwarden.bootstrap.Limit.MAX_SESSIONS.ordinal()] = 3;
    Rule sessions =
        new Rule(9, "com.example.Chat.histories", io.heapwarden.bootstrap.RuleKind.SESSION, limits);
    int registered =
        new MicrometerBridge(() -> List.of(sessions), new AgentCounters()).bind(loader);
    @SuppressWarnings("unchecked")
    java.util.Map<String, String> map =
        (java.util.Map<String, String>)
            io.heapwarden.bootstrap.sessions.SessionMaps.boundOrKeep(
                new java.util.concurrent.ConcurrentHashMap<>(), sessions);
    for (int i = 0; i < 10; i++) {
      map.put("s" + i, "v");
    }

    // 3 reasons, active, failures; the agent's 7; the 8 memory pressure meters
    assertThat(registered).isEqualTo(5 + 7 + 8);
    assertThat(
            registry
                .get("heapwarden.session.evictions")
                .tags("rule", sessions.name(), "reason", "capacity")
                .functionCounter()
                .count())
        .isEqualTo(7);
    assertThat(
            registry
                .get("heapwarden.session.evictions")
                .tags("rule", sessions.name(), "reason", "idle")
                .functionCounter()
                .count())
        .isZero();
    assertThat(registry.get("heapwarden.session.evictions").functionCounters()).hasSize(3);
    assertThat(
            registry.get("heapwarden.session.active").tag("rule", sessions.name()).gauge().value())
        .isEqualTo(3);
    assertThat(registry.get("heapwarden.session.active").gauge().getId().getBaseUnit())
        .isEqualTo("sessions");
  }

  @Test
  void valuesFollowTheRuleCounters() throws Exception {
    new MicrometerBridge(() -> rules, new AgentCounters()).bind(loader);
    assertThat(counter("heapwarden.collection.evictions", cache)).isZero();

    cache.count(Action.EVICTED, 1234);
    cache.count(Action.TRIMMED, 5);
    pool.count(Action.CREATED, 2);
    pool.count(Action.REUSED);
    pool.count(Action.REUSED);

    assertThat(counter("heapwarden.collection.evictions", cache)).isEqualTo(1234);
    assertThat(counter("heapwarden.collection.trims", cache)).isEqualTo(5);
    assertThat(counter("heapwarden.singleton.created", pool)).isEqualTo(2);
    assertThat(counter("heapwarden.singleton.reused", pool)).isEqualTo(2);

    cache.count(Action.EVICTED, 6);
    assertThat(counter("heapwarden.collection.evictions", cache)).isEqualTo(1240);
  }

  @Test
  void agentMetersFollowTheAgent() throws Exception {
    AgentCounters counters = new AgentCounters();
    new MicrometerBridge(() -> rules, counters).bind(loader);
    Gauge enabled = registry.get("heapwarden.agent.rules").gauge();
    assertThat(enabled.value()).isEqualTo(3);

    sessions.fail(new IllegalStateException("hook broke"));
    counters.incident(new Incident.ConfigReloaded("s", List.of()));
    counters.incident(new Incident.ConfigReloaded("s", List.of()));
    counters.incident(new Incident.ConfigRejected("s", List.of("p")));
    counters.incident(new Incident.TransformFailed("C", null));
    counters.incident(new Incident.RuleUnresolved("r", "f:1:1, k", "no field", null));
    counters.incident(
        new Incident.RuleNotMatched("r2", "f:2:1, k", "class C", Duration.ofSeconds(60)));

    assertThat(enabled.value()).isEqualTo(2);
    assertThat(counter("heapwarden.rule.failures", sessions)).isEqualTo(1);
    assertThat(counter("heapwarden.rule.failures", cache)).isZero();
    assertThat(registry.get("heapwarden.config.reloads").functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("heapwarden.config.rejections").functionCounter().count()).isEqualTo(1);
    assertThat(registry.get("heapwarden.transform.failures").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("heapwarden.rules.unresolved").gauge().value()).isEqualTo(1);
    assertThat(registry.get("heapwarden.rules.unmatched").gauge().value()).isEqualTo(1);
  }

  @Test
  void theTelemetryBindsWhenTheServiceLoadsMicrometer() throws Exception {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();

    telemetry.classLoaded(METRICS, loader);
    telemetry.classLoaded(METRICS, loader); // a retransformation: still one binding
    telemetry.awaitBackground();

    assertThat(telemetry.micrometerBound(loader)).isTrue();
    cache.count(Action.EVICTED, 9);
    telemetry.configRejected("heapwarden.yaml", List.of(problem(1, "k", "m")));
    assertThat(counter("heapwarden.collection.evictions", cache)).isEqualTo(9);
    assertThat(registry.get("heapwarden.config.rejections").functionCounter().count()).isEqualTo(1);
    assertThat(log.heads()).noneMatch(line -> line.contains("Micrometer"));
  }

  @Test
  void aLoaderSeenBeforeTheBackgroundStartIsBoundWhenItStarts() throws Exception {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.classLoaded(METRICS, loader);
    assertThat(telemetry.micrometerBound(loader)).isFalse();

    telemetry.startBackground();
    telemetry.awaitBackground();

    assertThat(telemetry.micrometerBound(loader)).isTrue();
    assertThat(registry.find("heapwarden.agent.rules").gauge()).isNotNull();
  }

  @Test
  void registriesAddedLaterGetTheMetersToo() throws Exception {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();
    telemetry.classLoaded(METRICS, loader);
    telemetry.awaitBackground();

    SimpleMeterRegistry later = new SimpleMeterRegistry();
    Metrics.addRegistry(later);
    try {
      pool.count(Action.CREATED, 4);
      assertThat(
              later
                  .get("heapwarden.singleton.created")
                  .tag("rule", pool.name())
                  .functionCounter()
                  .count())
          .isEqualTo(4);
    } finally {
      Metrics.removeRegistry(later);
      later.close();
    }
  }

  @Test
  void micrometerOffRegistersNothingUntilSwitchedOn() throws Exception {
    Telemetry telemetry = telemetry(config(Duration.ofHours(1), true, false));
    telemetry.startBackground();
    telemetry.classLoaded(METRICS, loader);
    telemetry.awaitBackground();

    assertThat(telemetry.micrometerBound(loader)).isFalse();
    assertThat(registry.getMeters()).isEmpty();

    telemetry.reconfigure(config(Duration.ofHours(1), true, true));
    telemetry.awaitBackground();

    assertThat(telemetry.micrometerBound(loader)).isTrue();
    assertThat(registry.getMeters()).isNotEmpty();
  }

  @Test
  void aReflectiveFailureTurnsTheBridgeOffWithOneWarning() throws Exception {
    Telemetry telemetry = telemetry(manualTicks());
    telemetry.startBackground();
    try (URLClassLoader noMicrometer = new URLClassLoader(new URL[0], null);
        URLClassLoader another = new URLClassLoader(new URL[0], null)) {
      telemetry.classLoaded(METRICS, noMicrometer);
      telemetry.awaitBackground();
      telemetry.classLoaded(METRICS, another);
      telemetry.classLoaded(METRICS, loader);
      telemetry.awaitBackground();

      assertThat(telemetry.micrometerBound(loader)).isFalse();
      assertThat(registry.getMeters()).isEmpty();
      assertThat(log.heads())
          .filteredOn(line -> line.contains("Micrometer"))
          .containsExactly(
              "[heapwarden] WARN Micrometer meters are off: could not register them in the"
                  + " service's Micrometer (java.lang.ClassNotFoundException:"
                  + " io.micrometer.core.instrument.Metrics)");
    }
  }

  @Test
  void meterNamesFollowTheKindAndAction() {
    assertThat(
            MicrometerBridge.meterName(io.heapwarden.bootstrap.RuleKind.COLLECTION, Action.EVICTED))
        .isEqualTo("heapwarden.collection.evictions");
    assertThat(
            MicrometerBridge.meterName(io.heapwarden.bootstrap.RuleKind.SINGLETON, Action.REUSED))
        .isEqualTo("heapwarden.singleton.reused");
    assertThat(MicrometerBridge.meterName(io.heapwarden.bootstrap.RuleKind.INSTANCE, Action.FAILED))
        .isEqualTo("heapwarden.rule.failures");
    assertThat(MicrometerBridge.meteredActions(io.heapwarden.bootstrap.RuleKind.INSTANCE))
        .isEmpty();
  }
}
