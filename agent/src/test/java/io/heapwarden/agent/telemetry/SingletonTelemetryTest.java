package io.heapwarden.agent.telemetry;

import static io.heapwarden.agent.telemetry.Fixtures.instance;
import static io.heapwarden.agent.telemetry.Fixtures.manualTicks;
import static io.heapwarden.agent.telemetry.Fixtures.singleton;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.telemetry.Fixtures.CapturedLog;
import io.heapwarden.agent.telemetry.Fixtures.Clock;
import io.heapwarden.bootstrap.Rule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The singletons: and instances: incidents as JFR events and log lines. */
class SingletonTelemetryTest {
  @TempDir Path dir;

  private final Clock clock = new Clock();
  private final CapturedLog log = new CapturedLog(clock);
  private final Rule model = singleton(0, "com.example.ml.EmbeddingModel");
  private final Rule connections = instance(1, "com.example.db.Connection");
  private final Telemetry telemetry =
      Telemetry.create(
          manualTicks(),
          new Telemetry.Setup()
              .rules(() -> List.of(model, connections))
              .clock(clock::now)
              .log(log.output));

  @AfterEach
  void close() {
    telemetry.close();
  }

  @Test
  void creationsAndTooManyLiveInstancesAreJfrEventsWithTheirFields() throws Exception {
    List<RecordedEvent> events;
    try (Recording recording = new Recording()) {
      recording.enable("heapwarden.SingletonCreated");
      recording.enable("heapwarden.MaxLiveExceeded");
      recording.start();
      telemetry.startBackground();
      telemetry.awaitBackground();
      telemetry.singletonCreated(model, "(\"mini\")", Duration.ofMillis(12).toNanos());
      telemetry.tooManyLive(connections, 6, 5, "com.example.db.PooledConnection");
      recording.stop();
      Path file = dir.resolve("events.jfr");
      recording.dump(file);
      events =
          RecordingFile.readAllEvents(file).stream()
              .filter(e -> e.getEventType().getName().startsWith("heapwarden."))
              .collect(Collectors.toList());
    }

    RecordedEvent created = named(events, "heapwarden.SingletonCreated");
    assertThat(created.getString("rule")).isEqualTo("com.example.ml.EmbeddingModel");
    assertThat(created.getString("key")).isEqualTo("(\"mini\")");
    assertThat(created.getDuration("constructionTime")).isEqualTo(Duration.ofMillis(12));
    RecordedEvent tooMany = named(events, "heapwarden.MaxLiveExceeded");
    assertThat(tooMany.getString("rule")).isEqualTo("com.example.db.Connection");
    assertThat(tooMany.getString("instanceClass")).isEqualTo("com.example.db.PooledConnection");
    assertThat(tooMany.getLong("live")).isEqualTo(6);
    assertThat(tooMany.getLong("maxLive")).isEqualTo(5);
    assertThat(tooMany.getStackTrace().getFrames())
        .as("the stack of the thread that built the newest instance")
        .anyMatch(frame -> frame.getMethod().getName().contains("creationsAndTooManyLive"));
  }

  private static RecordedEvent named(List<RecordedEvent> events, String name) {
    return events.stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + events));
  }

  @Test
  void eachIncidentHasItsLogLine() {
    telemetry.singletonCreated(model, "(\"mini\")", Duration.ofMillis(12).toNanos());
    telemetry.identityArguments(model, "com.example.ml.Options");
    telemetry.closeIgnored(model, "com.example.ml.EmbeddingModel");
    telemetry.tooManyLive(connections, 6, 5, "com.example.db.Connection");

    assertThat(log.heads())
        .anyMatch(
            line ->
                line.contains(" INFO ")
                    && line.contains(
                        "com.example.ml.EmbeddingModel: built a shared instance for (\"mini\") in"
                            + " 12ms"))
        .anyMatch(
            line ->
                line.contains(" WARN ")
                    && line.contains("com.example.ml.Options does not override equals")
                    && line.contains("key: class"))
        .anyMatch(line -> line.contains(" INFO ") && line.contains("is ignored (on-close: ignore)"))
        .anyMatch(
            line ->
                line.contains(" WARN ")
                    && line.contains(
                        "6 instances of com.example.db.Connection are alive, more than max-live 5"));
  }
}
