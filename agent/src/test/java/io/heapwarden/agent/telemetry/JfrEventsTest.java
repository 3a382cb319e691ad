package io.heapwarden.agent.telemetry;

import static io.heapwarden.agent.telemetry.Fixtures.collection;
import static io.heapwarden.agent.telemetry.Fixtures.manualTicks;
import static io.heapwarden.agent.telemetry.Fixtures.problem;
import static io.heapwarden.agent.telemetry.Fixtures.singleton;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.telemetry.Fixtures.CapturedLog;
import io.heapwarden.agent.telemetry.Fixtures.Clock;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.sessions.SessionMaps;
import io.heapwarden.bootstrap.sessions.SessionStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jdk.jfr.DataAmount;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.Timespan;
import jdk.jfr.Unsigned;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real JFR sink, recorded in-process and read back from the dumped file. */
class JfrEventsTest {
  private static final List<String> EVENTS =
      List.of(
          "heapwarden.AgentStarted",
          "heapwarden.ConfigReloaded",
          "heapwarden.ConfigRejected",
          "heapwarden.RestartNeeded",
          "heapwarden.RuleFailed",
          "heapwarden.TransformFailed",
          "heapwarden.RuleUnresolved",
          "heapwarden.RuleActivity");

  @TempDir Path dir;

  private final Clock clock = new Clock();
  private final CapturedLog log = new CapturedLog(clock);
  private final Rule cache = collection(0, "com.example.Cache.entries");
  private final Rule pool = singleton(1, "com.example.Pool.connection");
  private Telemetry telemetry;
  private Recording recording;

  @BeforeEach
  void prepareRecording() {
    telemetry =
        Telemetry.create(
            manualTicks(),
            new Telemetry.Setup()
                .rules(() -> List.of(cache, pool))
                .clock(clock::now)
                .log(log.output));
    recording = new Recording();
    for (String event : EVENTS) {
      recording.enable(event);
    }
  }

  @AfterEach
  void stop() {
    telemetry.close();
    recording.close();
  }

  private List<RecordedEvent> recorded() throws IOException {
    recording.stop();
    Path file = dir.resolve("heapwarden.jfr");
    recording.dump(file);
    assertThat(Files.size(file)).isPositive();
    return RecordingFile.readAllEvents(file).stream()
        .filter(event -> event.getEventType().getName().startsWith("heapwarden."))
        .collect(Collectors.toList());
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream()
        .filter(event -> event.getEventType().getName().equals(name))
        .collect(Collectors.toList());
  }

  private static ValueDescriptor field(EventType type, String name) {
    ValueDescriptor field = type.getField(name);
    assertThat(field).as("field %s of %s", name, type.getName()).isNotNull();
    assertThat(field.getLabel()).as("label of %s", name).isNotBlank();
    assertThat(field.getDescription()).as("description of %s", name).isNotBlank();
    return field;
  }

  @Test
  void everyIncidentIsAnEventWithItsFields() throws IOException {
    recording.start();
    telemetry.startBackground();
    telemetry.agentStarted(Duration.ofMillis(42), 2, "heapwarden.yaml");
    telemetry.configReloaded("heapwarden.yaml", List.of("a 1 -> 2", "b 3 -> 4"));
    telemetry.configRejected(
        "heapwarden.yaml", List.of(problem(7, "collections[0].max-entries", "must be positive")));
    telemetry.restartNeeded("heapwarden.yaml", List.of("new rule field com.example.X.map"));
    telemetry.ruleFailed(cache, new IllegalStateException("hook broke"));
    telemetry.transformFailed("com/example/Foo", new IllegalArgumentException("bad frame"));

    List<RecordedEvent> events = recorded();

    RecordedEvent started = named(events, "heapwarden.AgentStarted").get(0);
    assertThat(started.getDuration("startupDuration")).isEqualTo(Duration.ofMillis(42));
    assertThat(started.getInt("ruleCount")).isEqualTo(2);
    assertThat(started.getString("configSource")).isEqualTo("heapwarden.yaml");

    RecordedEvent reloaded = named(events, "heapwarden.ConfigReloaded").get(0);
    assertThat(reloaded.getString("source")).isEqualTo("heapwarden.yaml");
    assertThat(reloaded.getInt("changeCount")).isEqualTo(2);
    assertThat(reloaded.getString("changes")).isEqualTo("a 1 -> 2; b 3 -> 4");

    RecordedEvent rejected = named(events, "heapwarden.ConfigRejected").get(0);
    assertThat(rejected.getInt("problemCount")).isEqualTo(1);
    assertThat(rejected.getString("problems"))
        .isEqualTo("heapwarden.yaml:7:3: collections[0].max-entries: must be positive");

    RecordedEvent restart = named(events, "heapwarden.RestartNeeded").get(0);
    assertThat(restart.getInt("changeCount")).isEqualTo(1);
    assertThat(restart.getString("changes")).isEqualTo("new rule field com.example.X.map");

    RecordedEvent failed = named(events, "heapwarden.RuleFailed").get(0);
    assertThat(failed.getString("rule")).isEqualTo("com.example.Cache.entries");
    assertThat(failed.getString("kind")).isEqualTo("COLLECTION");
    assertThat(failed.getString("failureClass")).isEqualTo("java.lang.IllegalStateException");
    assertThat(failed.getString("failureMessage")).isEqualTo("hook broke");
    assertThat(failed.getStackTrace()).isNotNull(); // where the service's call failed

    RecordedEvent transform = named(events, "heapwarden.TransformFailed").get(0);
    assertThat(transform.getString("className")).isEqualTo("com.example.Foo");
    assertThat(transform.getString("failureClass")).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(transform.getString("failureMessage")).isEqualTo("bad frame");
  }

  @Test
  void aRuleThatDoesNothingIsAnEventWhetherItsClassLoadedOrNot() throws IOException {
    recording.start();
    telemetry.startBackground();
    telemetry.ruleUnresolved(
        "com.example.Vets.vetz",
        "heapwarden.yaml:4:5, collections[0].field",
        "class com.example.Vets declares no field 'vetz'",
        "did you mean 'vets'?");
    telemetry.ruleNotMatched(
        "com.example.Vetz",
        "heapwarden.yaml:7:5, instances[0].class",
        "class com.example.Vetz",
        Duration.ofSeconds(60));

    List<RecordedEvent> events = named(recorded(), "heapwarden.RuleUnresolved");

    assertThat(events).hasSize(2);
    RecordedEvent unresolved = events.get(0);
    assertThat(unresolved.getString("rule")).isEqualTo("com.example.Vets.vetz");
    assertThat(unresolved.getString("location"))
        .isEqualTo("heapwarden.yaml:4:5, collections[0].field");
    assertThat(unresolved.getBoolean("classLoaded")).isTrue();
    assertThat(unresolved.getString("problem"))
        .isEqualTo("class com.example.Vets declares no field 'vetz'");
    assertThat(unresolved.getString("hint")).isEqualTo("did you mean 'vets'?");
    RecordedEvent notMatched = events.get(1);
    assertThat(notMatched.getBoolean("classLoaded")).isFalse();
    assertThat(notMatched.getString("problem"))
        .isEqualTo("class com.example.Vetz has not loaded after 60s");
  }

  @Test
  void aRecordingThatEndsWithinAnIntervalStillHoldsItsActivity() throws IOException {
    recording.enable("heapwarden.ActivityFlush");
    recording.start();
    telemetry.startBackground();
    cache.count(Action.EVICTED, 17);
    clock.advanceSeconds(2); // no tick: the interval is still in progress when the recording ends

    List<RecordedEvent> activity = named(recorded(), "heapwarden.RuleActivity");

    assertThat(activity).hasSize(1);
    assertThat(activity.get(0).getString("action")).isEqualTo("EVICTED");
    assertThat(activity.get(0).getLong("count")).isEqualTo(17);
  }

  @Test
  void eventTypesCarryNamesLabelsCategoryAndUnits() throws IOException {
    recording.start();
    telemetry.startBackground();
    telemetry.agentStarted(Duration.ofMillis(1), 2, "heapwarden.yaml");
    telemetry.configReloaded("s", List.of("a"));
    telemetry.configRejected("s", List.of(problem(1, "k", "m")));
    telemetry.restartNeeded("s", List.of("b"));
    telemetry.ruleFailed(cache, new IllegalStateException("x"));
    telemetry.transformFailed("com/example/Foo", new IllegalStateException("y"));
    telemetry.ruleUnresolved("com.example.Vets.vetz", "f:1:1, k", "no field", null);
    cache.count(Action.EVICTED);
    clock.advanceSeconds(10);
    telemetry.tick();

    List<RecordedEvent> events = recorded();

    assertThat(events.stream().map(e -> e.getEventType().getName()).distinct())
        .containsExactlyInAnyOrderElementsOf(EVENTS);
    for (RecordedEvent event : events) {
      EventType type = event.getEventType();
      assertThat(type.getCategoryNames()).containsExactly("Heapwarden");
      assertThat(type.getLabel()).isNotBlank();
      assertThat(type.getDescription()).isNotBlank();
    }
    EventType started = named(events, "heapwarden.AgentStarted").get(0).getEventType();
    assertThat(started.getLabel()).isEqualTo("Agent Started");
    ValueDescriptor startup = field(started, "startupDuration");
    assertThat(startup.getContentType()).isEqualTo(Timespan.class.getName());
    assertThat(startup.getAnnotation(Timespan.class).value()).isEqualTo(Timespan.NANOSECONDS);
    field(started, "ruleCount");
    field(started, "configSource");

    EventType activity = named(events, "heapwarden.RuleActivity").get(0).getEventType();
    assertThat(activity.getLabel()).isEqualTo("Rule Activity");
    ValueDescriptor interval = field(activity, "interval");
    assertThat(interval.getContentType()).isEqualTo(Timespan.class.getName());
    assertThat(interval.getAnnotation(Timespan.class).value()).isEqualTo(Timespan.NANOSECONDS);
    assertThat(field(activity, "count").getAnnotation(Unsigned.class)).isNotNull();
    field(activity, "rule");
    field(activity, "kind");
    field(activity, "action");

    for (String name : List.of("heapwarden.RuleFailed", "heapwarden.TransformFailed")) {
      EventType type = named(events, name).get(0).getEventType();
      field(type, "failureClass");
      field(type, "failureMessage");
    }
  }

  @Test
  void sessionEvictionsAreOneEventPerRuleAndReasonPerTickPlusAFewSamples() throws IOException {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = 1;
    Rule sessions = new Rule(7, "com.example.Chat.histories", RuleKind.SESSION, limits);
    Telemetry withSessions =
        Telemetry.create(
            manualTicks(),
            new Telemetry.Setup().rules(() -> List.of(sessions)).clock(clock::now).log(log.output));
    recording.enable("heapwarden.SessionEvictions");
    recording.enable("heapwarden.SessionEvicted");
    recording.start();
    withSessions.startBackground();
    SessionStats.drainSummaries(); // what other tests left
    SessionStats.drainSamples();
    @SuppressWarnings("unchecked")
    Map<String, String> map =
        (Map<String, String>) SessionMaps.boundOrKeep(new ConcurrentHashMap<>(), sessions);
    for (int i = 0; i < 500; i++) {
      map.put("s" + i, "v"); // one event per tick, never one per eviction
    }
    clock.advanceSeconds(10);
    withSessions.tick();
    withSessions.close();

    List<RecordedEvent> events = recorded();
    List<RecordedEvent> evictions = named(events, "heapwarden.SessionEvictions");
    assertThat(evictions)
        .extracting(
            e -> e.getString("rule"),
            e -> e.getString("reason"),
            e -> e.getLong("count"),
            e -> e.getDuration("interval"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "com.example.Chat.histories", "capacity", 499L, Duration.ofSeconds(10)));
    field(evictions.get(0).getEventType(), "maxAge");
    field(evictions.get(0).getEventType(), "averageIdle");
    assertThat(field(evictions.get(0).getEventType(), "estimatedSize").getContentType())
        .isEqualTo(DataAmount.class.getName());
    assertThat(named(events, "heapwarden.SessionEvicted"))
        .hasSize(20)
        .allSatisfy(e -> assertThat(e.getString("reason")).isEqualTo("capacity"));
    List<RecordedEvent> activity = named(events, "heapwarden.RuleActivity");
    assertThat(activity)
        .extracting(e -> e.getString("kind"), e -> e.getLong("count"), e -> e.getLong("bound"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SESSION", 499L, 1L));
  }

  @Test
  void ruleActivityIsOneEventPerRuleAndActionPerTick() throws IOException {
    recording.start();
    telemetry.startBackground();
    for (int i = 0; i < 10_000; i++) {
      cache.count(Action.EVICTED); // one event per tick, never one per operation
    }
    cache.count(Action.TRIMMED, 5);
    pool.count(Action.CREATED, 3);
    clock.advanceSeconds(10);
    telemetry.tick();
    clock.advanceSeconds(10);
    telemetry.tick(); // idle: no event
    pool.count(Action.REUSED, 8);
    clock.advanceSeconds(10);
    telemetry.tick();

    List<RecordedEvent> activity = named(recorded(), "heapwarden.RuleActivity");

    assertThat(activity)
        .extracting(
            e -> e.getString("rule"),
            e -> e.getString("kind"),
            e -> e.getString("action"),
            e -> e.getLong("count"),
            e -> e.getDuration("interval"))
        .containsExactly(
            tuple("com.example.Cache.entries", "COLLECTION", "EVICTED", 10_000L, 10),
            tuple("com.example.Cache.entries", "COLLECTION", "TRIMMED", 5L, 10),
            tuple("com.example.Pool.connection", "SINGLETON", "CREATED", 3L, 10),
            tuple("com.example.Pool.connection", "SINGLETON", "REUSED", 8L, 10));
  }

  @Test
  void incidentsBeforeStartAreInTheRecording() throws IOException {
    recording.start();
    telemetry.ruleFailed(cache, new IllegalStateException("before start"));
    telemetry.transformFailed("com/example/Early", new IllegalStateException("early"));

    telemetry.startBackground();

    List<RecordedEvent> events = recorded();
    assertThat(named(events, "heapwarden.RuleFailed"))
        .extracting(e -> e.getString("failureMessage"))
        .containsExactly("before start");
    assertThat(named(events, "heapwarden.TransformFailed"))
        .extracting(e -> e.getString("className"))
        .containsExactly("com.example.Early");
  }

  @Test
  void incidentsBeforeTheFirstRecordingAreReplayedWhenItStarts() throws Exception {
    // As with -XX:StartFlightRecording: the agent starts first, the recording after premain.
    telemetry.ruleFailed(cache, new IllegalStateException("before start"));
    telemetry.startBackground();
    telemetry.agentStarted(Duration.ofMillis(42), 2, "heapwarden.yaml");
    telemetry.awaitBackground();

    recording.start();
    telemetry.awaitBackground();
    telemetry.configReloaded("heapwarden.yaml", List.of("after"));

    List<RecordedEvent> events = recorded();
    assertThat(named(events, "heapwarden.RuleFailed")).hasSize(1);
    assertThat(named(events, "heapwarden.AgentStarted"))
        .extracting(e -> e.getDuration("startupDuration"))
        .containsExactly(Duration.ofMillis(42));
    assertThat(named(events, "heapwarden.ConfigReloaded"))
        .extracting(e -> e.getString("changes"))
        .containsExactly("after");
  }

  private static org.assertj.core.groups.Tuple tuple(
      String rule, String kind, String action, long count, long seconds) {
    return org.assertj.core.groups.Tuple.tuple(
        rule, kind, action, count, Duration.ofSeconds(seconds));
  }
}
