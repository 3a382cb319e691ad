package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.pressure.RampService;
import io.heapwarden.it.fixtures.pressure.RecordingAlongside;
import io.heapwarden.it.fixtures.pressure.SpikeService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.Recordings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pressure guard wins the race on a 96 MB heap whose bounded cache is configured far too large
 * for it (300,000 entries of about 1 KB): a fast spike from the first line of {@code main} and a
 * steady ramp of about 1 MB every 2 ms, under G1, Parallel and Serial, on the JDK the integration
 * tests run with (17, and 25 in CI's second pass). With the agent every run finishes, and its JFR
 * recording shows the level change, the trims, each escalation step below {@code trim-to} and the
 * GC nudges, in that order; without it every run dies of OutOfMemoryError.
 *
 * <p>The recording is started beside {@code main} ({@link RecordingAlongside}), not with {@code
 * -XX:StartFlightRecording}, which would hold {@code main} back until JFR is up (seconds on a
 * shared machine) and so give the guard a head start no service gives it. ZGC is not in the matrix:
 * see docs/pressure.md, Limitations.
 */
class PressureRaceIT {
  private static final String FIXTURES = "io.heapwarden.it.fixtures.pressure.";

  private static final String RULES =
      """
      collections:
        - field: %sSpikeService.cache
          max-entries: 300000
        - field: %sRampService.sessions
          max-entries: 300000
      pressure:
        heap: {warn: 70%%, critical: 85%%}
        on-critical: {trim-to: 25%%, gc: true, min-interval: 1s}
      """
          .formatted(FIXTURES, FIXTURES);

  private static final int MAX_ENTRIES = 300_000;
  private static final Pattern DONE = Pattern.compile("done: size=(\\d+)");

  /** Each shape under each collector. */
  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of("spike", "-XX:+UseG1GC"),
        Arguments.of("ramp", "-XX:+UseG1GC"),
        Arguments.of("spike", "-XX:+UseParallelGC"),
        Arguments.of("ramp", "-XX:+UseParallelGC"),
        Arguments.of("spike", "-XX:+UseSerialGC"),
        Arguments.of("ramp", "-XX:+UseSerialGC"));
  }

  private static Class<?> service(String shape) {
    return shape.equals("spike") ? SpikeService.class : RampService.class;
  }

  /** The spike: entries, then ms of serving; the ramp: entries, ms of pause, ms of serving. */
  private static List<String> serviceArgs(String shape) {
    return shape.equals("spike") ? List.of("300000", "2000") : List.of("300000", "1000", "2000");
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("runs")
  void withTheAgentEveryRunFinishes(String shape, String collector) throws IOException {
    List<String> args = new ArrayList<>();
    args.add(service(shape).getName());
    args.addAll(serviceArgs(shape));
    AgentJvm jvm =
        AgentJvm.forMainClass(RecordingAlongside.class)
            .args(args.toArray(String[]::new))
            .jvmArgs("-Xmx96m", collector)
            .withConfig(RULES);
    JvmResult result = jvm.run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stderr()).doesNotContain("OutOfMemoryError");
    Matcher done = DONE.matcher(result.stdout());
    assertThat(done.find()).as(result.output()).isTrue();
    assertThat(Integer.parseInt(done.group(1))).as("within trim-to").isLessThanOrEqualTo(75_000);
    assertThat(result.stdout()).as(result.output()).contains("recording started");

    List<RecordedEvent> events =
        Recordings.heapwardenEvents(jvm.workspace().dir().resolve("recording.jfr"));
    String story = story(events) + result.output();

    // the level change: a chain of changes from NORMAL, one of them to CRITICAL
    String level = "NORMAL";
    for (RecordedEvent change : named(events, "heapwarden.MemoryPressure")) {
      assertThat(change.getString("previous")).as(story).isEqualTo(level);
      level = change.getString("level");
    }
    int critical =
        first(events, "heapwarden.MemoryPressure", e -> e.getString("level").equals("CRITICAL"));
    assertThat(critical).as(story).isNotNegative();

    // the trims, after critical: the HashMap is left to the service's next write (deferred)
    int trim = first(events, "heapwarden.EmergencyTrim", e -> e.getInt("deferred") >= 1);
    assertThat(trim).as(story).isGreaterThan(critical);

    // each escalation step: a chain from 100%, each step's bounds scaled as it says
    int percent = 100;
    List<String> down = new ArrayList<>();
    for (RecordedEvent step : named(events, "heapwarden.PressureEscalation")) {
      int before = step.getInt("before");
      int after = step.getInt("after");
      assertThat(before).as(story).isEqualTo(percent);
      assertThat(step.getString("bounds")).as(story).isEqualTo(bounds(before, after));
      if (after < before) {
        down.add(before + "->" + after);
      }
      percent = after;
    }
    assertThat(down)
        .as("critical, then still critical after a trim and a collection: " + story)
        .startsWith("100->25", "25->12")
        .isSubsetOf("100->25", "25->12", "12->10");
    // below trim-to only once a trim at trim-to has run
    int lowered = first(events, "heapwarden.PressureEscalation", e -> e.getInt("after") == 12);
    assertThat(lowered).as(story).isGreaterThan(trim);

    // the GC nudges: collections the guard ran, with the heap they left
    List<RecordedEvent> nudges = named(events, "heapwarden.GcNudge");
    assertThat(nudges).as(story).isNotEmpty();
    for (RecordedEvent nudge : nudges) {
      assertThat(nudge.getString("mechanism"))
          .as(story)
          .matches("(DiagnosticCommand GC\\.run|System\\.gc).*");
      assertThat(nudge.getLong("heapAfter")).as(story).isPositive();
    }

    assertThat(result.agentLines())
        .as(result.output())
        .anyMatch(line -> line.contains("WARN memory pressure CRITICAL (was "))
        .anyMatch(line -> line.contains("WARN memory pressure: bounds lowered from 25% to 12%"));
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("runs")
  void withoutTheAgentEveryRunDies(String shape, String collector) {
    JvmResult result =
        AgentJvm.forMainClass(service(shape))
            .args(serviceArgs(shape).toArray(String[]::new))
            .jvmArgs("-Xmx96m", collector)
            .run();

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).contains("OutOfMemoryError").doesNotContain("done: size=");
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    List<RecordedEvent> named = new ArrayList<>();
    for (RecordedEvent event : events) {
      if (event.getEventType().getName().equals(name)) {
        named.add(event);
      }
    }
    return named;
  }

  /** The index of the first event so named that matches, or -1. */
  private static int first(List<RecordedEvent> events, String name, Predicate<RecordedEvent> test) {
    for (int i = 0; i < events.size(); i++) {
      RecordedEvent event = events.get(i);
      if (event.getEventType().getName().equals(name) && test.test(event)) {
        return i;
      }
    }
    return -1;
  }

  /** What an escalation step from {@code before} to {@code after} percent says of the bounds. */
  private static String bounds(int before, int after) {
    String change = " " + MAX_ENTRIES / 100 * before + " -> " + MAX_ENTRIES / 100 * after;
    return FIXTURES
        + "SpikeService.cache"
        + change
        + ", "
        + FIXTURES
        + "RampService.sessions"
        + change;
  }

  /** The recording's pressure story, one line per event, for assertion messages. */
  private static String story(List<RecordedEvent> events) {
    StringBuilder story = new StringBuilder("--- recording\n");
    for (RecordedEvent event : events) {
      String name = event.getEventType().getName();
      if (name.equals("heapwarden.RuleActivity") || name.equals("heapwarden.ActivityFlush")) {
        continue;
      }
      story.append(event.getStartTime()).append(' ').append(name);
      for (ValueDescriptor field : event.getFields()) {
        Object value = event.getValue(field.getName());
        story.append(' ').append(field.getName()).append('=').append(value);
      }
      story.append('\n');
    }
    return story.toString();
  }
}
